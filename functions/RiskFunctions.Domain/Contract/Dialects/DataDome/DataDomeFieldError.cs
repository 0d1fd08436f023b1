using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.DataDome;

/// <summary>One invalid field of a DataDome request.</summary>
public sealed record DataDomeFieldError
{
    [JsonPropertyName("field")]
    public required string Field { get; init; }

    [JsonPropertyName("error")]
    public required string Error { get; init; }
}
