namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>What a validated access token grants, independent of which issuer signed it.</summary>
/// <param name="TenantId">Our tenant (for external issuers: the tenant mapped by configuration, never their own tid).</param>
/// <param name="ClientId">The calling client application.</param>
/// <param name="Scopes">Granted scopes, restricted to <see cref="RiskScopes.All"/>.</param>
/// <param name="Issuer">The validated <c>iss</c>.</param>
/// <param name="TokenId">The <c>jti</c>, when present.</param>
/// <param name="NotBefore">Start of validity (<c>nbf</c>, or <c>iat</c> when absent).</param>
/// <param name="ExpiresAt">End of validity (<c>exp</c>).</param>
public sealed record RiskTokenClaims(
    string TenantId,
    string ClientId,
    IReadOnlyList<string> Scopes,
    string Issuer,
    string? TokenId,
    DateTimeOffset NotBefore,
    DateTimeOffset ExpiresAt);
