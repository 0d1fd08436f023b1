using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Tokens;

/// <summary>Error answer of the token endpoint, shaped as RFC 6749 section 5.2 prescribes.</summary>
public sealed record OAuthErrorResponse
{
    /// <summary>An RFC 6749 error code, e.g. <c>invalid_client</c>, <c>unsupported_grant_type</c>.</summary>
    [JsonPropertyName("error")]
    public required string Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}
