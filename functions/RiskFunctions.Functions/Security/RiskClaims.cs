using System.Security.Claims;

namespace RiskFunctions.Functions.Security;

/// <summary>Claim names of the risk access token, and the one way endpoints learn their tenant.</summary>
public static class RiskClaims
{
    public const string TenantId = "tid";
    public const string ClientId = "client_id";
    public const string Scope = "scope";

    /// <summary>
    /// The tenant of an authenticated caller. Endpoints never read a tenant from the request itself;
    /// the authentication handler guarantees the claim exists on every authenticated principal.
    /// </summary>
    public static string GetTenantId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(TenantId)
        ?? throw new InvalidOperationException("The authenticated principal carries no tenant claim.");

    public static string? GetClientId(this ClaimsPrincipal principal) => principal.FindFirstValue(ClientId);
}
