using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Tokens;
using RiskFunctions.Functions.Security.Clients;
using RiskFunctions.Functions.Security.Hardening;
using RiskFunctions.Functions.Security.RateLimiting;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security.TokenEndpoint;

/// <summary>
/// <c>POST /oidc/token</c>: the OAuth 2.0 client-credentials grant. Answers
/// <c>{access_token, token_type: "Bearer", expires_in: 3600, scope}</c> or an RFC 6749 error.
/// </summary>
public static partial class TokenApi
{
    internal static async Task<IResult> IssueAsync(
        HttpContext http,
        ClientAuthenticator authenticator,
        AccessTokenFactory tokens,
        TokenEndpointLimiter limiter,
        ClientAddress clientAddress,
        SecurityMetrics metrics,
        IOptions<TokenOptions> options,
        ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(TokenApi));
        http.Response.Headers[HeaderNames.CacheControl] = "no-store";
        http.Response.Headers[HeaderNames.Pragma] = "no-cache";

        var address = clientAddress.Resolve(http);
        using (var addressLease = limiter.AcquireAddress(address))
        {
            if (!addressLease.IsAcquired)
            {
                return TooMany(http, metrics, "token_address", RetryAfter.Seconds(addressLease, TimeSpan.FromMinutes(1)));
            }
        }

        var (request, problem) = await TokenRequest.ReadAsync(http.Request, http.RequestAborted);
        if (request is null)
        {
            metrics.TokenRequested("invalid_request");
            return OAuthError.BadRequest(OAuthError.InvalidRequest, problem!);
        }

        if (request.GrantType != "client_credentials")
        {
            metrics.TokenRequested("unsupported_grant_type");
            return OAuthError.BadRequest(OAuthError.UnsupportedGrantType, "only the client_credentials grant is supported");
        }

        if (request.Resource is not null && request.Resource != options.Value.Audience)
        {
            metrics.TokenRequested("invalid_target");
            return OAuthError.BadRequest(OAuthError.InvalidTarget, $"resource must be {options.Value.Audience}");
        }

        if (!tokens.CanIssue)
        {
            return OAuthError.Create(StatusCodes.Status503ServiceUnavailable, OAuthError.TemporarilyUnavailable, "token issuing is not configured");
        }

        // Malformed ids share one budget, so random junk cannot mint a bucket per request.
        var clientKey = ClientIdentifier.TryParse(request.ClientId, out var parsedId) ? parsedId.ToString() : "(malformed)";
        using (var clientLease = limiter.AcquireClient(clientKey))
        {
            if (!clientLease.IsAcquired)
            {
                return TooMany(http, metrics, "token_client", RetryAfter.Seconds(clientLease, TimeSpan.FromMinutes(1)));
            }
        }

        var authentication = await authenticator.AuthenticateAsync(request.ClientId, request.ClientSecret, http.RequestAborted);
        if (authentication.Status == ClientAuthenticationStatus.Busy)
        {
            return TooMany(http, metrics, "token_derivations", 1);
        }

        if (authentication.Client is not { } client)
        {
            metrics.TokenRequested("invalid_client");
            LogClientRefused(logger, clientKey, address);
            if (request.UsedBasicAuthentication)
            {
                http.Response.Headers[HeaderNames.WWWAuthenticate] = "Basic realm=\"risk\"";
            }

            return OAuthError.Create(StatusCodes.Status401Unauthorized, OAuthError.InvalidClient, "client authentication failed");
        }

        var requested = ScopeList.Split(request.Scope);
        var granted = requested.Length == 0 ? client.Scopes : requested;
        if (granted.Except(client.Scopes, StringComparer.Ordinal).Any() || ScopeList.KnownScopes(granted).Length != granted.Distinct(StringComparer.Ordinal).Count())
        {
            metrics.TokenRequested("invalid_scope");
            return OAuthError.BadRequest(OAuthError.InvalidScope, "the requested scope exceeds the client's scopes");
        }

        var clientId = new ClientIdentifier(client.TenantId, client.ClientName).ToString();
        var issued = tokens.Create(client.TenantId, clientId, granted);
        metrics.TokenRequested("issued");
        LogTokenIssued(logger, clientId, client.TenantId, issued.TokenId);
        return Results.Json(
            new TokenResponse { AccessToken = issued.AccessToken, TokenType = "Bearer", ExpiresIn = issued.ExpiresInSeconds, Scope = ScopeList.Join(issued.Scopes) },
            RiskJsonContext.Default.TokenResponse);
    }

    private static IResult TooMany(HttpContext http, SecurityMetrics metrics, string limiter, int retryAfterSeconds)
    {
        metrics.RateLimited(limiter);
        metrics.TokenRequested("rate_limited");
        RetryAfter.Set(http.Response, retryAfterSeconds);
        return OAuthError.Create(StatusCodes.Status429TooManyRequests, OAuthError.TemporarilyUnavailable, $"too many token requests, retry after {retryAfterSeconds} s");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token request refused: client authentication failed for {ClientId} from {Address}")]
    private static partial void LogClientRefused(ILogger logger, string clientId, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} issued to client {ClientId} of tenant {TenantId}")]
    private static partial void LogTokenIssued(ILogger logger, string clientId, string tenantId, string tokenId);
}
