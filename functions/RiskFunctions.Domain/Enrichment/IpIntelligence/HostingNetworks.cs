namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>
/// Autonomous systems of large cloud and hosting providers, whose addresses serve machines rather than
/// people at home or on mobile networks: logins from them are typical of scripts, proxies and VPN
/// exits. Deliberately short and conservative; tenants add their own through configuration.
/// </summary>
public static class HostingNetworks
{
    /// <summary>The <c>ip_organization_type</c> value for these networks.</summary>
    public const string OrganizationType = "hosting";

    /// <summary>AS numbers of well-known hosting providers.</summary>
    public static IReadOnlyList<uint> WellKnownAsns { get; } =
    [
        16509, 14618, 8987, // Amazon Web Services
        8075, // Microsoft (Azure)
        396982, // Google Cloud
        31898, // Oracle Cloud
        14061, // DigitalOcean
        16276, // OVH
        24940, // Hetzner Online
        63949, // Akamai Connected Cloud (Linode)
        20473, // Vultr (The Constant Company)
        51167, // Contabo
        12876, // Scaleway
        60781, 28753, // Leaseweb
        45102, 37963, // Alibaba Cloud
        132203, // Tencent Cloud
        36352, // ColoCrossing
        9009, // M247
        212238, // Datacamp (CDN77)
        53667, // FranTech (BuyVM)
    ];
}
