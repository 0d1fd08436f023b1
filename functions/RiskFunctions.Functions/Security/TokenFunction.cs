using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Pipeline;
using RiskFunctions.Functions.Security.Hardening;
using RiskFunctions.Functions.Security.Tokens;
using RiskFunctions.Functions.Security.TokenEndpoint;

namespace RiskFunctions.Functions.Security;

/// <summary><c>POST /oidc/token</c>: client credentials for an access token; its own per-address and per-client limits.</summary>
public sealed class TokenFunction(
    ClientAuthenticator authenticator,
    AccessTokenFactory tokens,
    TokenEndpointLimiter limiter,
    ClientAddress clientAddress,
    SecurityMetrics metrics,
    IOptions<TokenOptions> options,
    ILoggerFactory loggerFactory)
{
    [Function(nameof(Token))]
    [AllowAnonymous]
    [ErrorFormat(typeof(OAuthErrorFormat))]
    public Task<IResult> Token(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SecurityRoutes.Token)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return TokenApi.IssueAsync(req.HttpContext, authenticator, tokens, limiter, clientAddress, metrics, options, loggerFactory);
    }
}
