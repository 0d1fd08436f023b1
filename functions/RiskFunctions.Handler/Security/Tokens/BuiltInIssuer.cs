using Microsoft.Extensions.Options;
using RiskFunctions.Handler.Security.Keys;

namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>Accepts the tokens our own token endpoint issued: keys from the ring, claims as we wrote them.</summary>
public sealed class BuiltInIssuer(SigningKeyRing keys, IOptions<TokenOptions> options) : ITrustedIssuer
{
    private readonly TokenOptions _options = options.Value;

    public string Issuer => _options.Issuer;

    public string Audience => _options.Audience;

    public TrustedKeySet CurrentKeys => keys.KeySet;

    public ValueTask<TrustedKeySet> GetKeysAsync(string keyId, CancellationToken cancellationToken) => ValueTask.FromResult(keys.KeySet);

    public TokenValidationResult MapClaims(JwtPayload payload, DateTimeOffset notBefore, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.IssuedAt is null || string.IsNullOrEmpty(payload.TokenId) || string.IsNullOrEmpty(payload.ClientId) || payload.TenantId is null)
        {
            return TokenValidationResult.Fail(TokenFailure.MissingClaim);
        }

        if (!TenantIds.IsValid(payload.TenantId))
        {
            return TokenValidationResult.Fail(TokenFailure.InvalidTenant);
        }

        return TokenValidationResult.Success(new RiskTokenClaims(
            payload.TenantId,
            payload.ClientId,
            ScopeList.KnownScopes(ScopeList.Split(payload.Scope)),
            Issuer,
            payload.TokenId,
            notBefore,
            expiresAt));
    }
}
