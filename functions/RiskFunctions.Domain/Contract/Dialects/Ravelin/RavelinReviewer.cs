using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Ravelin;

/// <summary>The person who reviewed the customer; recorded in the audit trail.</summary>
public sealed record RavelinReviewer
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }
}
