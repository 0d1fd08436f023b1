using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Lithic;

/// <summary>Lithic's error body.</summary>
public sealed record LithicErrorResponse
{
    [JsonPropertyName("message")]
    public required string Message { get; init; }

    /// <summary>An id to quote when asking about the failed request.</summary>
    [JsonPropertyName("debugging_request_id")]
    public string? DebuggingRequestId { get; init; }
}
