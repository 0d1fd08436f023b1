using Microsoft.Extensions.Options;

namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>
/// Validates bearer JWTs from every trusted issuer: strict parsing, algorithm pinned to the key,
/// signature, audience, lifetime with a small clock skew, then the issuer's claim mapping. Successful
/// validations are remembered in <see cref="ValidatedTokenCache"/> for the rest of their lifetime.
/// </summary>
public sealed class RiskTokenValidator
{
    private readonly Dictionary<string, ITrustedIssuer> _issuers;
    private readonly ValidatedTokenCache _cache;
    private readonly TimeProvider _time;
    private readonly TimeSpan _clockSkew;

    public RiskTokenValidator(IEnumerable<ITrustedIssuer> issuers, ValidatedTokenCache cache, TimeProvider time, IOptions<TokenOptions> options)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        ArgumentNullException.ThrowIfNull(options);
        _issuers = new Dictionary<string, ITrustedIssuer>(StringComparer.Ordinal);
        foreach (var issuer in issuers)
        {
            if (!_issuers.TryAdd(issuer.Issuer, issuer))
            {
                throw new InvalidOperationException($"The issuer '{issuer.Issuer}' is configured twice.");
            }
        }

        _cache = cache;
        _time = time;
        _clockSkew = options.Value.ClockSkew;
    }

    public ValueTask<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!JwtParser.HasTokenShape(token))
        {
            return ValueTask.FromResult(TokenValidationResult.Fail(TokenFailure.Malformed));
        }

        var now = _time.GetUtcNow();
        if (_cache.TryGet(token, now, _clockSkew, out var cached))
        {
            return ValueTask.FromResult(TokenValidationResult.Success(cached!));
        }

        return ValidateUncachedAsync(token, cancellationToken);
    }

    private async ValueTask<TokenValidationResult> ValidateUncachedAsync(string token, CancellationToken cancellationToken)
    {
        if (!JwtParser.TryParse(token, out var jwt))
        {
            return TokenValidationResult.Fail(TokenFailure.Malformed);
        }

        var header = jwt!.Header;
        if (!JwtAlgorithms.IsSupported(header.Algorithm) || header.HasCriticalExtensions)
        {
            return TokenValidationResult.Fail(TokenFailure.UnsupportedAlgorithm);
        }

        if (string.IsNullOrEmpty(header.KeyId))
        {
            return TokenValidationResult.Fail(TokenFailure.UnknownKey);
        }

        var payload = jwt.Payload;
        if (payload.Issuer is null || !_issuers.TryGetValue(payload.Issuer, out var issuer))
        {
            return TokenValidationResult.Fail(TokenFailure.UnknownIssuer);
        }

        var keys = await issuer.GetKeysAsync(header.KeyId, cancellationToken).ConfigureAwait(false);
        var key = keys.Find(header.KeyId);
        if (key is null)
        {
            return TokenValidationResult.Fail(TokenFailure.UnknownKey);
        }

        // The header may only repeat the key's own algorithm: an RS256 key is never asked to check an
        // HS256 "signature" made with its public modulus, nor an ES256 one.
        if (!string.Equals(key.Algorithm, header.Algorithm, StringComparison.Ordinal))
        {
            return TokenValidationResult.Fail(TokenFailure.UnsupportedAlgorithm);
        }

        if (!key.Verify(jwt.SigningInput, jwt.Signature))
        {
            return TokenValidationResult.Fail(TokenFailure.InvalidSignature);
        }

        var lifetime = CheckLifetime(payload, _time.GetUtcNow());
        if (lifetime.Failure != TokenFailure.None)
        {
            return TokenValidationResult.Fail(lifetime.Failure);
        }

        if (!payload.Audiences.Contains(issuer.Audience, StringComparer.Ordinal))
        {
            return TokenValidationResult.Fail(TokenFailure.WrongAudience);
        }

        var result = issuer.MapClaims(payload, lifetime.NotBefore, lifetime.ExpiresAt);
        if (result.Succeeded)
        {
            _cache.Add(token, result.Claims!, issuer, keys);
        }

        return result;
    }

    private (TokenFailure Failure, DateTimeOffset NotBefore, DateTimeOffset ExpiresAt) CheckLifetime(JwtPayload payload, DateTimeOffset now)
    {
        if (payload.ExpiresAt is not { } exp)
        {
            return (TokenFailure.MissingClaim, default, default);
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(exp, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if (now - _clockSkew >= expiresAt)
        {
            return (TokenFailure.Expired, default, default);
        }

        var notBeforeSeconds = payload.NotBefore ?? payload.IssuedAt;
        var notBefore = notBeforeSeconds is { } nbf
            ? DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(nbf, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()))
            : DateTimeOffset.MinValue;
        if (now + _clockSkew < notBefore)
        {
            return (TokenFailure.NotYetValid, default, default);
        }

        // A token "issued" in the future was minted by a clock we should not trust either.
        if (payload.IssuedAt is { } iat && DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(iat, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds())) > now + _clockSkew)
        {
            return (TokenFailure.NotYetValid, default, default);
        }

        return (TokenFailure.None, notBefore, expiresAt);
    }
}
