using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.DataDome;

/// <summary>DataDome's 400 body: a summary, one entry per invalid field, and an error name.</summary>
public sealed record DataDomeErrorResponse
{
    [JsonPropertyName("message")]
    public required string Message { get; init; }

    [JsonPropertyName("errors")]
    public required IReadOnlyList<DataDomeFieldError> Errors { get; init; }

    /// <summary>The error name, e.g. <c>Bad Request</c>.</summary>
    [JsonPropertyName("error")]
    public required string Error { get; init; }
}
