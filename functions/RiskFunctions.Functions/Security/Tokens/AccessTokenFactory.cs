using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskFunctions.Functions.Security.Keys;

namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>Mints our access tokens: a JWS signed with the current key, typed <c>at+jwt</c> (RFC 9068).</summary>
public sealed class AccessTokenFactory(SigningKeyRing keys, TimeProvider time, IOptions<TokenOptions> options)
{
    private const string AccessTokenType = "at+jwt";

    // Times come from our clock (the descriptor), never from the library's.
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly TokenOptions _options = options.Value;

    /// <summary>Whether tokens can be issued at all (a signing key is configured).</summary>
    public bool CanIssue => keys.Current is not null;

    public IssuedToken Create(string tenantId, string clientId, IReadOnlyList<string> scopes)
    {
        if (!TenantIds.IsValid(tenantId))
        {
            throw new ArgumentException("Invalid tenant id.", nameof(tenantId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        var credentials = keys.Credentials
            ?? throw new InvalidOperationException($"No token signing key is configured ({SigningKeyOptions.SectionName}).");

        // Whole seconds, as NumericDate carries them, so exp - iat is exactly the lifetime.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var lifetime = (int)_options.Lifetime.TotalSeconds;
        var tokenId = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var granted = ScopeList.KnownScopes(scopes);
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = AccessTokenType,
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddSeconds(lifetime).UtcDateTime,
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = clientId,
                [JwtRegisteredClaimNames.Jti] = tokenId,
                [RiskClaims.TenantId] = tenantId,
                [RiskClaims.ClientId] = clientId,
                [RiskClaims.Scope] = ScopeList.Join(granted),
                ["roles"] = granted,
            },
        });
        return new IssuedToken(token, lifetime, granted, tokenId);
    }
}
