using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Ravelin;

/// <summary>Ravelin's error body.</summary>
public sealed record RavelinErrorResponse
{
    /// <summary>The HTTP status.</summary>
    [JsonPropertyName("status")]
    public required int Status { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }
}
