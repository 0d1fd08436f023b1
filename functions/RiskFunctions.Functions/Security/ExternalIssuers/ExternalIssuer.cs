using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security.ExternalIssuers;

/// <summary>
/// Accepts tokens of an external OpenID Connect issuer. Its keys come from a
/// <see cref="ConfigurationManager{T}"/>: discovery document (or JWKS alone), cached, refreshed after
/// <see cref="ExternalIssuerOptions.RefreshInterval"/> and, at most once per
/// <see cref="ExternalIssuerOptions.MinimumRefreshInterval"/>, when a token names an unknown <c>kid</c>
/// (the issuer rotated). A failed refresh keeps the keys already known.
/// </summary>
public sealed partial class ExternalIssuer : ITrustedIssuer
{
    private readonly ExternalIssuerOptions _options;
    private readonly IConfigurationManager<OpenIdConnectConfiguration> _configuration;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _snapshotLock = new();
    private Snapshot _snapshot = new(null, TrustedKeySet.Empty, DateTimeOffset.MinValue);

    public ExternalIssuer(ExternalIssuerOptions options, IConfigurationManager<OpenIdConnectConfiguration> configuration, TimeProvider time, ILogger<ExternalIssuer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!TenantIds.IsValid(options.TenantId))
        {
            throw new ArgumentException($"External issuer '{options.Issuer}' maps to an invalid tenant id.", nameof(options));
        }

        _options = options;
        _configuration = configuration;
        _time = time;
        _logger = logger;
    }

    public string Issuer => _options.Issuer;

    public string Audience => _options.Audience;

    public TrustedKeySet CurrentKeys => Volatile.Read(ref _snapshot).Keys;

    public async ValueTask<TrustedKeySet> GetKeysAsync(string keyId, CancellationToken cancellationToken)
    {
        var snapshot = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot.Keys.Find(keyId) is not null || _time.GetUtcNow() < snapshot.FetchedAt + _options.MinimumRefreshInterval)
        {
            return snapshot.Keys;
        }

        // An unknown kid after the minimum interval: the issuer may have rotated, so its keys are fetched again
        // now (the manager's update blocks, see IdentityModelSwitches).
        _configuration.RequestRefresh();
        return (await ReadAsync(cancellationToken).ConfigureAwait(false)).Keys;
    }

    public TokenValidationResult MapClaims(JsonWebToken token, DateTimeOffset notBefore, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(token);
        var clientId = token.String("azp") ?? token.String("appid") ?? token.String(RiskClaims.ClientId) ?? token.String(JwtRegisteredClaimNames.Sub);
        if (string.IsNullOrEmpty(clientId))
        {
            return TokenValidationResult.Fail(TokenFailure.MissingClaim);
        }

        if (_options.AllowedClientIds.Count > 0 && !_options.AllowedClientIds.Contains(clientId, StringComparer.Ordinal))
        {
            return TokenValidationResult.Fail(TokenFailure.ClientNotAllowed);
        }

        var values = token.Strings("roles").Concat(ScopeList.Split(token.String("scp"))).Concat(ScopeList.Split(token.String(RiskClaims.Scope)));
        if (_options.RoleScopes.Count > 0)
        {
            values = values.Select(value => _options.RoleScopes.TryGetValue(value, out var scope) ? scope : "");
        }

        return TokenValidationResult.Success(new RiskTokenClaims(
            _options.TenantId,
            clientId,
            ScopeList.KnownScopes(values),
            Issuer,
            token.String(JwtRegisteredClaimNames.Jti),
            notBefore,
            expiresAt));
    }

    /// <summary>
    /// The manager's current configuration as a key snapshot. A configuration object is only replaced by a
    /// fetch, so the same object keeps the same snapshot (and the validated-token cache's entries valid).
    /// </summary>
    private async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _configuration.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            // Never fetched successfully (unreachable, not HTTPS, not JSON): no key is trusted yet.
            LogRefreshFailed(ex, Issuer);
            return Volatile.Read(ref _snapshot);
        }

        var snapshot = Volatile.Read(ref _snapshot);
        if (ReferenceEquals(snapshot.Configuration, configuration))
        {
            return snapshot;
        }

        lock (_snapshotLock)
        {
            if (!ReferenceEquals(_snapshot.Configuration, configuration))
            {
                _snapshot = new Snapshot(configuration, KeysOf(configuration), _time.GetUtcNow());
                LogKeysRefreshed(Issuer, _snapshot.Keys.Count);
            }

            return _snapshot;
        }
    }

    private TrustedKeySet KeysOf(OpenIdConnectConfiguration configuration)
    {
        if (!string.Equals(configuration.Issuer, _options.Issuer, StringComparison.Ordinal))
        {
            LogIssuerMismatch(Issuer, configuration.Issuer);
            return TrustedKeySet.Empty;
        }

        return new TrustedKeySet(configuration.SigningKeys);
    }

    private sealed record Snapshot(OpenIdConnectConfiguration? Configuration, TrustedKeySet Keys, DateTimeOffset FetchedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {KeyCount} signing keys of external issuer {Issuer}")]
    private partial void LogKeysRefreshed(string issuer, int keyCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the signing keys of external issuer {Issuer}; no key of it is trusted yet")]
    private partial void LogRefreshFailed(Exception exception, string issuer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The discovery document of external issuer {Issuer} names issuer {DocumentIssuer}; none of its keys is trusted")]
    private partial void LogIssuerMismatch(string issuer, string? documentIssuer);
}
