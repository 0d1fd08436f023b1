using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Tokens;

/// <summary>Answer of <c>POST /oidc/token</c> (OAuth 2.0 client credentials grant).</summary>
public sealed record TokenResponse
{
    /// <summary>The bearer JWT (<c>risk_access_token</c>).</summary>
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    /// <summary>Always <c>Bearer</c>.</summary>
    [JsonPropertyName("token_type")]
    public required string TokenType { get; init; }

    /// <summary>Lifetime in seconds; tokens are not refreshable.</summary>
    [JsonPropertyName("expires_in")]
    public required int ExpiresIn { get; init; }

    /// <summary>Space-separated scopes granted.</summary>
    [JsonPropertyName("scope")]
    public required string Scope { get; init; }
}
