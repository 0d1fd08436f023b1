using System.Runtime.CompilerServices;

namespace RiskFunctions.Functions.Security.ExternalIssuers;

/// <summary>Compatibility switches of Microsoft.IdentityModel this service depends on.</summary>
internal static class IdentityModelSwitches
{
    /// <summary>
    /// The library refreshes configuration in the background by default and answers with the old keys
    /// meanwhile, so a token signed with an issuer's freshly rotated key would be refused until the fetch ends.
    /// Blocking updates make the request that asked for the refresh wait for it, as a key rotation needs.
    /// </summary>
    private const string UpdateConfigAsBlocking = "Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking";

    /// <summary>
    /// The library reads its switches once and keeps the value, so they are set when this assembly loads,
    /// before any token or configuration code of the library has run.
    /// </summary>
    [ModuleInitializer]
    internal static void Apply() => AppContext.SetSwitch(UpdateConfigAsBlocking, isEnabled: true);
}
