using System.Globalization;

namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>
/// The autonomous system announcing an address: <c>ip_asn_id</c> (<c>AS174</c>), <c>ip_asn_name</c>
/// (<c>AS174 Cogent Communications</c>), <c>ip_organization_name</c> and <c>ip_organization_type</c>.
/// The strings are built once when the data is loaded, so a lookup allocates nothing.
/// </summary>
public sealed record AutonomousSystem
{
    public AutonomousSystem(uint number, string? organization, string? organizationType = null)
    {
        Number = number;
        Organization = string.IsNullOrWhiteSpace(organization) ? null : organization.Trim();
        OrganizationType = organizationType;
        Id = string.Create(CultureInfo.InvariantCulture, $"AS{number}");
        Name = Organization is null ? Id : $"{Id} {Organization}";
    }

    /// <summary>The AS number (<c>174</c>).</summary>
    public uint Number { get; }

    /// <summary>The <c>ip_asn_id</c> form: <c>AS174</c>.</summary>
    public string Id { get; }

    /// <summary>The <c>ip_asn_name</c> form: <c>AS174 Cogent Communications</c>.</summary>
    public string Name { get; }

    /// <summary>The organization holding the AS (<c>ip_organization_name</c>).</summary>
    public string? Organization { get; }

    /// <summary>
    /// <c>ip_organization_type</c>: <c>hosting</c> for the data-centre and cloud networks known to the
    /// loader (<see cref="HostingNetworks"/> plus configured ones), otherwise null: the public ASN lists
    /// do not say whether a network is an ISP or a business, and we do not guess.
    /// </summary>
    public string? OrganizationType { get; }
}
