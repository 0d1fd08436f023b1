using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Enrichment.UserAgents;

namespace RiskFunctions.Domain.Enrichment;

/// <summary>
/// What the service derives from an action's user agent and IP, named after the <c>context</c> fields
/// they fill. A value over shared instances: producing one allocates nothing.
/// </summary>
public readonly record struct ActionEnrichment(UserAgentInfo UserAgent, IpIntelligenceResult Ip)
{
    public string? BrowserName => UserAgent.BrowserName;

    public string? BrowserVersion => UserAgent.BrowserVersion;

    public string? OsName => UserAgent.OsName;

    public string? OsVersion => UserAgent.OsVersion;

    public string? DevicePlatform => UserAgent.DevicePlatform;

    public bool IsBot => UserAgent.IsBot;

    public string? IpCountry => Ip.Location?.CountryCode;

    public string? IpLocationRegion => Ip.Location?.Region;

    public string? IpLocationCity => Ip.Location?.City;

    public string? IpLocationZip => Ip.Location?.PostalCode;

    public string? IpLocationLatitude => Ip.Location?.Latitude;

    public string? IpLocationLongitude => Ip.Location?.Longitude;

    public string? IpLocationTimezone => Ip.Location?.TimeZone;

    public string? IpAsnId => Ip.AutonomousSystem?.Id;

    public string? IpAsnName => Ip.AutonomousSystem?.Name;

    public string? IpOrganizationName => Ip.AutonomousSystem?.Organization;

    public string? IpOrganizationType => Ip.AutonomousSystem?.OrganizationType;

    /// <summary>The address is on a configured risky-IP list: reason <c>IP_RISKY_REPUTATION</c>.</summary>
    public bool IsRiskyIp => Ip.IsRiskyReputation;

    /// <summary>The address belongs to a hosting or cloud provider (<c>risk_signals.network.hosting</c>).</summary>
    public bool IsHostingIp => Ip.IsHosting;
}
