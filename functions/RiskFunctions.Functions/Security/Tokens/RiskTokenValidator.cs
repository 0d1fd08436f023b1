using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>
/// Validates bearer JWTs from every trusted issuer with <see cref="JsonWebTokenHandler"/>: the token names its
/// issuer, that issuer's key for the token's kid is looked up, and the library checks the signature with exactly
/// that key and its one algorithm, then issuer, audience and lifetime (with a small clock skew, on our clock);
/// last the issuer maps the claims. Successful validations are remembered in <see cref="ValidatedTokenCache"/>
/// for the rest of their lifetime.
/// </summary>
public sealed class RiskTokenValidator
{
    /// <summary>Generous for Entra ID tokens (~2-3 KB), small enough to bound the work per request.</summary>
    public const int MaxTokenLength = 8 * 1024;

    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 4 };

    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = MaxTokenLength };
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
        if (token.Length == 0 || token.Length > MaxTokenLength)
        {
            return ValueTask.FromResult(TokenValidationResult.Fail(TokenFailure.Malformed));
        }

        if (_cache.TryGet(token, _time.GetUtcNow(), _clockSkew, out var cached))
        {
            return ValueTask.FromResult(TokenValidationResult.Success(cached!));
        }

        return ValidateUncachedAsync(token, cancellationToken);
    }

    private async ValueTask<TokenValidationResult> ValidateUncachedAsync(string token, CancellationToken cancellationToken)
    {
        var jwt = Read(token);
        if (jwt is null)
        {
            return TokenValidationResult.Fail(TokenFailure.Malformed);
        }

        // Extensions we would have to understand (crit) are refused rather than ignored.
        if (!JwtAlgorithms.IsSupported(jwt.Alg) || jwt.TryGetHeaderValue<object>("crit", out _))
        {
            return TokenValidationResult.Fail(TokenFailure.UnsupportedAlgorithm);
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return TokenValidationResult.Fail(TokenFailure.UnknownKey);
        }

        if (string.IsNullOrEmpty(jwt.Issuer) || !_issuers.TryGetValue(jwt.Issuer, out var issuer))
        {
            return TokenValidationResult.Fail(TokenFailure.UnknownIssuer);
        }

        // Keys come from the claimed issuer's own set only; jku, x5u and embedded jwk headers are never used.
        var keys = await issuer.GetKeysAsync(jwt.Kid, cancellationToken).ConfigureAwait(false);
        var key = keys.Find(jwt.Kid);
        if (key is null)
        {
            return TokenValidationResult.Fail(TokenFailure.UnknownKey);
        }

        // The header may only repeat the key's own algorithm: an RS256 key is never asked to check an
        // HS256 "signature" made with its public modulus, nor an ES256 one.
        if (!string.Equals(key.Algorithm, jwt.Alg, StringComparison.Ordinal))
        {
            return TokenValidationResult.Fail(TokenFailure.UnsupportedAlgorithm);
        }

        var validation = await _handler.ValidateTokenAsync(jwt, Parameters(issuer, key)).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return TokenValidationResult.Fail(FailureOf(validation.Exception));
        }

        var notBefore = jwt.ValidFrom != DateTime.MinValue ? jwt.ValidFrom : jwt.IssuedAt;
        var result = issuer.MapClaims(
            jwt,
            notBefore == DateTime.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(notBefore, TimeSpan.Zero),
            new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        if (result.Succeeded)
        {
            _cache.Add(token, result.Claims!, issuer, keys);
        }

        return result;
    }

    /// <summary>A compact JWS the library can read, whose header and payload have no duplicate members.</summary>
    private JsonWebToken? Read(string token)
    {
        if (!_handler.CanReadToken(token))
        {
            return null;
        }

        try
        {
            var jwt = _handler.ReadJsonWebToken(token);
            return !jwt.IsEncrypted && IsStrictJson(jwt.EncodedHeader) && IsStrictJson(jwt.EncodedPayload) ? jwt : null;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The library keeps the last of duplicate members while other parsers keep the first; a token whose
    /// readers could disagree (two <c>tid</c> claims) is refused outright.
    /// </summary>
    private static bool IsStrictJson(string encoded)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(encoded), StrictJson);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return false;
        }
    }

    private TokenValidationParameters Parameters(ITrustedIssuer issuer, TrustedKey key) => new()
    {
        ValidIssuer = issuer.Issuer,
        ValidAudience = issuer.Audience,
        IssuerSigningKey = key.Key,
        ValidAlgorithms = [key.Algorithm],
        TryAllIssuerSigningKeys = false,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = _clockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    /// <summary>
    /// The library's lifetime rules (exp required, exp and nbf with the clock skew) on our clock rather than the
    /// system's, so a manual clock in tests and the validated-token cache agree with it.
    /// </summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiration time.");
        }

        if (exp <= now - _clockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = exp };
        }

        if (notBefore is { } nbf && nbf > now + _clockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        }

        // A token "issued" in the future was minted by a clock we should not trust either.
        if (token is JsonWebToken { IssuedAt: var iat } && iat != DateTime.MinValue && iat > now + _clockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token was issued in the future.") { NotBefore = iat };
        }

        return true;
    }

    private static TokenFailure FailureOf(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => TokenFailure.Expired,
        SecurityTokenNotYetValidException => TokenFailure.NotYetValid,
        SecurityTokenNoExpirationException => TokenFailure.MissingClaim,
        SecurityTokenInvalidAudienceException => TokenFailure.WrongAudience,
        SecurityTokenInvalidIssuerException => TokenFailure.UnknownIssuer,
        SecurityTokenInvalidAlgorithmException => TokenFailure.UnsupportedAlgorithm,
        SecurityTokenSignatureKeyNotFoundException => TokenFailure.UnknownKey,
        SecurityTokenInvalidSignatureException => TokenFailure.InvalidSignature,
        _ => TokenFailure.Malformed,
    };
}
