using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using RiskFunctions.Functions.Security.Keys;

namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>Accepts the tokens our own token endpoint issued: keys from the ring, claims as we wrote them.</summary>
public sealed class BuiltInIssuer(SigningKeyRing keys, IOptions<TokenOptions> options) : ITrustedIssuer
{
    private readonly TokenOptions _options = options.Value;

    public string Issuer => _options.Issuer;

    public string Audience => _options.Audience;

    public TrustedKeySet CurrentKeys => keys.KeySet;

    public ValueTask<TrustedKeySet> GetKeysAsync(string keyId, CancellationToken cancellationToken) => ValueTask.FromResult(keys.KeySet);

    public TokenValidationResult MapClaims(JsonWebToken token, DateTimeOffset notBefore, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(token);
        var tokenId = token.String(JwtRegisteredClaimNames.Jti);
        var clientId = token.String(RiskClaims.ClientId);
        var tenantId = token.String(RiskClaims.TenantId);
        if (!token.Has(JwtRegisteredClaimNames.Iat) || string.IsNullOrEmpty(tokenId) || string.IsNullOrEmpty(clientId) || tenantId is null)
        {
            return TokenValidationResult.Fail(TokenFailure.MissingClaim);
        }

        if (!TenantIds.IsValid(tenantId))
        {
            return TokenValidationResult.Fail(TokenFailure.InvalidTenant);
        }

        return TokenValidationResult.Success(new RiskTokenClaims(
            tenantId,
            clientId,
            ScopeList.KnownScopes(ScopeList.Split(token.String(RiskClaims.Scope))),
            Issuer,
            tokenId,
            notBefore,
            expiresAt));
    }
}
