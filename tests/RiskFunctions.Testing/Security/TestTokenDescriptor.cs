namespace RiskFunctions.Testing.Security;

/// <summary>The claims of a test token. Defaults describe a valid one-hour token of <see cref="TestTokens.Issuer"/>.</summary>
public sealed record TestTokenDescriptor
{
    public required string TenantId { get; init; }

    public string ClientId { get; init; } = "test-client";

    public IReadOnlyList<string> Scopes { get; init; } = TestTokens.AllScopes;

    public string Issuer { get; init; } = TestTokens.Issuer;

    public string Audience { get; init; } = TestTokens.Audience;

    /// <summary>The token's <c>iat</c> and <c>nbf</c>; the real clock when null. Use the handler's clock when it is a manual one.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Overrides <c>nbf</c> (defaults to <see cref="IssuedAt"/>).</summary>
    public DateTimeOffset? NotBefore { get; init; }
}
