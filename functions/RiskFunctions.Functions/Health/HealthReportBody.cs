using System.Text.Json.Serialization;

namespace RiskFunctions.Functions.Health;

/// <summary>Health answer: overall status and one status per check. Never carries exception details.</summary>
public sealed record HealthReportBody(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("checks")] IReadOnlyDictionary<string, string> Checks);
