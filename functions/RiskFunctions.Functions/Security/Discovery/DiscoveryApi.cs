using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;
using RiskFunctions.Functions.Security.Keys;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security.Discovery;

/// <summary>
/// Publishes what a relying party needs to verify our tokens: the JWKS (current and previous keys) and
/// an OpenID discovery document. URLs come from the configured issuer, never from the request's Host.
/// </summary>
public static class DiscoveryApi
{
    /// <summary>Long enough to spare callers, short enough that a rotation is seen well within a token's lifetime.</summary>
    private const string PublicCacheControl = "public, max-age=300";

    internal static IResult GetJwks(HttpContext httpContext, SigningKeyRing keys)
    {
        httpContext.Response.Headers[HeaderNames.CacheControl] = PublicCacheControl;
        var set = new JsonWebKeySet();
        foreach (var key in keys.PublishedKeys)
        {
            set.Keys.Add(SigningKeys.ToPublicJwk(key));
        }

        return Results.Json(set, PublishedKeyJson.Options);
    }

    internal static IResult GetOpenIdConfiguration(HttpContext httpContext, IOptions<TokenOptions> options)
    {
        httpContext.Response.Headers[HeaderNames.CacheControl] = PublicCacheControl;
        var issuer = options.Value.Issuer.TrimEnd('/');
        var document = new OpenIdConnectConfiguration
        {
            Issuer = options.Value.Issuer,
            JwksUri = issuer + "/" + SecurityRoutes.Jwks,
            TokenEndpoint = issuer + "/" + SecurityRoutes.Token,
        };
        document.GrantTypesSupported.Add("client_credentials");
        document.TokenEndpointAuthMethodsSupported.Add("client_secret_post");
        document.TokenEndpointAuthMethodsSupported.Add("client_secret_basic");
        document.ResponseTypesSupported.Add("token");
        document.SubjectTypesSupported.Add("public");
        document.IdTokenSigningAlgValuesSupported.Add(JwtAlgorithms.RS256);
        document.IdTokenSigningAlgValuesSupported.Add(JwtAlgorithms.ES256);
        foreach (var scope in RiskScopes.All)
        {
            document.ScopesSupported.Add(scope);
        }

        return Results.Text(OpenIdConnectConfiguration.Write(document), "application/json");
    }
}
