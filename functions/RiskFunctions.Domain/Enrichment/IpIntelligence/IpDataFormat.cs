namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>The public CSV layouts IP-intelligence data can be loaded from.</summary>
public enum IpDataFormat
{
    /// <summary>Decide per file: a first line starting with <c>network,</c> is GeoLite2, anything else DB-IP.</summary>
    Auto,

    /// <summary>
    /// DB-IP "lite" CSVs, one start/end range per line, no header (one is tolerated):
    /// country <c>ip_start,ip_end,country</c>; city <c>ip_start,ip_end,continent,country,stateprov,city,latitude,longitude</c>;
    /// ASN <c>ip_start,ip_end,as_number,as_organization</c>.
    /// </summary>
    DbIp,

    /// <summary>
    /// MaxMind GeoLite2 CSVs: <c>…-Blocks-IPv4.csv</c> / <c>…-Blocks-IPv6.csv</c> keyed by <c>network</c> (CIDR),
    /// columns found by header name; country and city blocks point at a <c>…-Locations-en.csv</c> by <c>geoname_id</c>.
    /// </summary>
    GeoLite2,
}
