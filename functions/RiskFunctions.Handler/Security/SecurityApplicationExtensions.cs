using RiskFunctions.Handler.Security.Discovery;
using RiskFunctions.Handler.Security.Hardening;
using RiskFunctions.Handler.Security.Keys;
using RiskFunctions.Handler.Security.TokenEndpoint;

namespace RiskFunctions.Handler.Security;

/// <summary>Puts the security middleware in order and maps the security endpoints.</summary>
public static class SecurityApplicationExtensions
{
    /// <summary>Security headers, authentication, per-client rate limits, then authorization. Loads the signing keys now so a bad key fails start-up, not the first request.</summary>
    public static WebApplication UseRiskSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<SigningKeyRing>().Current is null)
        {
            app.Logger.LogWarning(
                "No token signing key is configured ({Section}:CurrentKey or {Section}:KeyDirectory): the token endpoint is off and only external issuers' tokens are accepted",
                SigningKeyOptions.SectionName, SigningKeyOptions.SectionName);
        }

        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    public static IEndpointRouteBuilder MapSecurityApi(this IEndpointRouteBuilder endpoints) => endpoints.MapDiscoveryApi().MapTokenApi();
}
