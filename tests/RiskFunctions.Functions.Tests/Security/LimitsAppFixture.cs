using RiskFunctions.Testing.FunctionApp;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// The function app with tight limits, as Azure runs it behind its front end: small per-client rate limits (one
/// tenant with its own, larger ones), a cool-down after three bad action tokens, a small per-address budget on the
/// token endpoint with the address taken from the front end's <c>X-Forwarded-For</c> entry, and HSTS.
/// </summary>
public sealed class LimitsAppFixture : FunctionAppFixture
{
    public const int Burst = 3;

    public const int TokenRequestsPerAddress = 3;

    /// <summary>A tenant with its own generous rate limit.</summary>
    public const string BigTenant = "big-tenant";

    /// <summary>A tenant whose rate limit never interferes, for the cool-down's clients.</summary>
    public const string CoolDownTenant = "cool-down-tenant";

    protected override void Configure(IDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Security__RateLimits__Default__Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Security__RateLimits__Default__PermitsPerSecond"] = "1";
        settings[$"Security__RateLimits__Tenants__{BigTenant}__Burst"] = "50";
        settings[$"Security__RateLimits__Tenants__{BigTenant}__PermitsPerSecond"] = "50";
        settings[$"Security__RateLimits__Tenants__{CoolDownTenant}__Burst"] = "1000";
        settings[$"Security__RateLimits__Tenants__{CoolDownTenant}__PermitsPerSecond"] = "1000";
        settings["Security__RateLimits__TokenEndpoint__RequestsPerAddressPerMinute"] = TokenRequestsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Security__ActionTokenAbuse__Threshold"] = "3";
        settings["Security__ActionTokenAbuse__Window"] = "00:01:00";
        settings["Security__ActionTokenAbuse__CoolDown"] = "00:05:00";
        settings["Security__Hardening__Hsts"] = "true";
        settings["Security__Hardening__TrustForwardedFor"] = "true";
    }
}

/// <summary>The classes that share one <see cref="LimitsAppFixture"/> worker.</summary>
[CollectionDefinition(Name)]
public sealed class LimitsAppCollection : ICollectionFixture<LimitsAppFixture>
{
    public const string Name = "function app with tight limits";
}
