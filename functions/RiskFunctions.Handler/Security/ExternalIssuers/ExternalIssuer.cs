using System.Text.Json;
using RiskFunctions.Handler.Security.Tokens;

namespace RiskFunctions.Handler.Security.ExternalIssuers;

/// <summary>
/// Accepts tokens of an external OpenID Connect issuer: its keys are fetched from its JWKS (through its
/// discovery document when configured), cached, refreshed on schedule and, rate limited, when a token
/// names an unknown <c>kid</c> (the issuer rotated). A failed refresh keeps the keys already known.
/// </summary>
public sealed partial class ExternalIssuer : ITrustedIssuer, IDisposable
{
    /// <summary>The least time between two fetches after a failure, so an unreachable issuer is not hammered.</summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly ExternalIssuerOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private TrustedKeySet _keys = TrustedKeySet.Empty;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _nextAttempt = DateTimeOffset.MinValue;

    public ExternalIssuer(ExternalIssuerOptions options, HttpClient http, TimeProvider time, ILogger<ExternalIssuer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!TenantIds.IsValid(options.TenantId))
        {
            throw new ArgumentException($"External issuer '{options.Issuer}' maps to an invalid tenant id.", nameof(options));
        }

        if (options.MetadataAddress is null && options.JwksUri is null)
        {
            throw new ArgumentException($"External issuer '{options.Issuer}' needs MetadataAddress or JwksUri.", nameof(options));
        }

        _options = options;
        _http = http;
        _time = time;
        _logger = logger;
    }

    public string Issuer => _options.Issuer;

    public string Audience => _options.Audience;

    public TrustedKeySet CurrentKeys => Volatile.Read(ref _keys);

    public async ValueTask<TrustedKeySet> GetKeysAsync(string keyId, CancellationToken cancellationToken)
    {
        var keys = CurrentKeys;
        var now = _time.GetUtcNow();
        var stale = now - _fetchedAt >= _options.RefreshInterval;
        if ((keys.Find(keyId) is not null && !stale) || now < _nextAttempt)
        {
            return keys;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have refreshed while this one waited.
            keys = CurrentKeys;
            now = _time.GetUtcNow();
            if ((keys.Find(keyId) is not null && now - _fetchedAt < _options.RefreshInterval) || now < _nextAttempt)
            {
                return keys;
            }

            return await RefreshAsync(now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refresh.Release();
        }
    }

    public TokenValidationResult MapClaims(JwtPayload payload, DateTimeOffset notBefore, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var clientId = payload.AuthorizedParty ?? payload.AppId ?? payload.ClientId ?? payload.Subject;
        if (string.IsNullOrEmpty(clientId))
        {
            return TokenValidationResult.Fail(TokenFailure.MissingClaim);
        }

        if (_options.AllowedClientIds.Count > 0 && !_options.AllowedClientIds.Contains(clientId, StringComparer.Ordinal))
        {
            return TokenValidationResult.Fail(TokenFailure.ClientNotAllowed);
        }

        var values = payload.Roles.Concat(ScopeList.Split(payload.Scp)).Concat(ScopeList.Split(payload.Scope));
        if (_options.RoleScopes.Count > 0)
        {
            values = values.Select(value => _options.RoleScopes.TryGetValue(value, out var scope) ? scope : "");
        }

        return TokenValidationResult.Success(new RiskTokenClaims(
            _options.TenantId,
            clientId,
            ScopeList.KnownScopes(values),
            Issuer,
            payload.TokenId,
            notBefore,
            expiresAt));
    }

    public void Dispose() => _refresh.Dispose();

    private async Task<TrustedKeySet> RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _nextAttempt = now + RetryAfterFailure;
        try
        {
            var jwksUri = _options.JwksUri ?? await DiscoverJwksUriAsync(cancellationToken).ConfigureAwait(false);
            var document = await _http.GetFromJsonAsync(RequireScheme(jwksUri), SecurityJsonContext.Default.JsonWebKeySet, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("Empty JWKS document.");
            var keys = new TrustedKeySet(document.Keys.Select(SigningKey.FromPublicJwk).OfType<SigningKey>());
            Volatile.Write(ref _keys, keys);
            _fetchedAt = now;
            _nextAttempt = now + _options.MinimumRefreshInterval;
            LogKeysRefreshed(Issuer, keys.Keys.Count);
            return keys;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException or InvalidOperationException or NotSupportedException)
        {
            LogRefreshFailed(ex, Issuer);
            return CurrentKeys;
        }
    }

    private async Task<Uri> DiscoverJwksUriAsync(CancellationToken cancellationToken)
    {
        var metadata = await _http.GetFromJsonAsync(RequireScheme(_options.MetadataAddress!), SecurityJsonContext.Default.OpenIdConfiguration, cancellationToken).ConfigureAwait(false);
        if (metadata is null || !string.Equals(metadata.Issuer, _options.Issuer, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The discovery document names a different issuer.");
        }

        return Uri.TryCreate(metadata.JwksUri, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException("The discovery document has no valid jwks_uri.");
    }

    private Uri RequireScheme(Uri uri) =>
        !_options.RequireHttps || uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException($"Key documents of '{Issuer}' must be fetched over HTTPS.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {KeyCount} signing keys of external issuer {Issuer}")]
    private partial void LogKeysRefreshed(string issuer, int keyCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the signing keys of external issuer {Issuer}; the keys already known stay in use")]
    private partial void LogRefreshFailed(Exception exception, string issuer);
}
