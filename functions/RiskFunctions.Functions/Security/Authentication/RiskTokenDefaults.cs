namespace RiskFunctions.Functions.Security.Authentication;

/// <summary>Names of the bearer-token authentication scheme.</summary>
public static class RiskTokenDefaults
{
    /// <summary>The scheme every <c>RequireAuthorization(RiskScopes.X)</c> policy authenticates with.</summary>
    public const string AuthenticationScheme = "Bearer";
}
