namespace RiskFunctions.Domain.Rules.Model;

/// <summary>The action field a rule matches on. A rule has exactly one.</summary>
public enum MatcherKind
{
    IpCidrs,
    DeviceIds,
    DeviceFingerprints,
    DevicePublicKeys,
    UserIds,
    CountryCodes,
    BrowserNames,
    OsVersions,
}
