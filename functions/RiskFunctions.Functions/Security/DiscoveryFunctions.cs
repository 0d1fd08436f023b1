using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Pipeline;
using RiskFunctions.Functions.Security.Discovery;
using RiskFunctions.Functions.Security.Keys;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security;

/// <summary>The JWKS and the OpenID discovery document; public, as relying parties fetch them without a token.</summary>
public sealed class DiscoveryFunctions(SigningKeyRing keys, IOptions<TokenOptions> options)
{
    [Function(nameof(Jwks))]
    [AllowAnonymous]
    public IResult Jwks([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SecurityRoutes.Jwks)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return DiscoveryApi.GetJwks(req.HttpContext, keys);
    }

    [Function(nameof(OpenIdConfiguration))]
    [AllowAnonymous]
    public IResult OpenIdConfiguration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SecurityRoutes.OpenIdConfiguration)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return DiscoveryApi.GetOpenIdConfiguration(req.HttpContext, options);
    }
}
