namespace RiskFunctions.Functions.Security;

/// <summary>The token endpoint and what relying parties need to verify our tokens.</summary>
public static class SecurityRoutes
{
    public const string Token = "oidc/token";
    public const string Jwks = ".well-known/jwks.json";
    public const string OpenIdConfiguration = ".well-known/openid-configuration";
}
