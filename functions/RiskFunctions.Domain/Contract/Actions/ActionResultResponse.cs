using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Actions;

/// <summary>Answer to a reported action result (201).</summary>
public sealed record ActionResultResponse
{
    [JsonPropertyName("message")]
    public required string Message { get; init; }
}
