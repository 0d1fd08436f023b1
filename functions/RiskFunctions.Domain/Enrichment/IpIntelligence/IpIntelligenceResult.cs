namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>
/// What the loaded data says about one address. A value type over shared instances, so a lookup
/// allocates nothing. Every part is optional: data sets are configured independently.
/// </summary>
/// <param name="Location">Country and, with a city data set, region, city, postal code, coordinates and time zone.</param>
/// <param name="AutonomousSystem">The announcing network (<c>ip_asn_*</c>, <c>ip_organization_*</c>).</param>
/// <param name="IsRiskyReputation">Whether the address is on a configured risky-IP list (reason <c>IP_RISKY_REPUTATION</c>).</param>
public readonly record struct IpIntelligenceResult(IpLocation? Location, AutonomousSystem? AutonomousSystem, bool IsRiskyReputation)
{
    /// <summary>Nothing known: no address, an unparsable one, or no data covering it.</summary>
    public static IpIntelligenceResult None => default;

    /// <summary>Whether the address belongs to a known hosting or cloud provider.</summary>
    public bool IsHosting => AutonomousSystem?.OrganizationType == HostingNetworks.OrganizationType;
}
