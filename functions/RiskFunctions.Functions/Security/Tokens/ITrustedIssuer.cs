using Microsoft.IdentityModel.JsonWebTokens;

namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>An issuer whose tokens this API accepts: its keys, its audience and how its claims map to ours.</summary>
public interface ITrustedIssuer
{
    /// <summary>The exact <c>iss</c> value.</summary>
    string Issuer { get; }

    /// <summary>The <c>aud</c> value its tokens must carry for this API.</summary>
    string Audience { get; }

    /// <summary>The key snapshot currently trusted; cached validations are only honoured while it is unchanged.</summary>
    TrustedKeySet CurrentKeys { get; }

    /// <summary>The keys to verify a token signed with <paramref name="keyId"/>; may refresh them (rate limited) when the kid is unknown.</summary>
    ValueTask<TrustedKeySet> GetKeysAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Maps a token whose signature, lifetime, issuer and audience were validated to our claims, or says what is missing.</summary>
    TokenValidationResult MapClaims(JsonWebToken token, DateTimeOffset notBefore, DateTimeOffset expiresAt);
}
