using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Functions.Features.Enrichment;

/// <summary>
/// Where the IP-intelligence data comes from (configuration section <c>IpIntelligence</c>). Every file
/// setting takes one path or several separated by <c>;</c> (e.g. GeoLite2's IPv4 and IPv6 blocks);
/// relative paths are resolved against the content root; <c>.gz</c> files are decompressed while read.
/// With nothing configured the service runs without IP geography, ASN or reputation.
/// </summary>
public sealed class IpIntelligenceOptions
{
    public const string SectionName = "IpIntelligence";

    /// <summary>Layout of the CSV files; <see cref="IpDataFormat.Auto"/> (default) decides per file.</summary>
    public IpDataFormat Format { get; set; } = IpDataFormat.Auto;

    /// <summary>Country ranges: DB-IP <c>dbip-country-lite</c> or GeoLite2 <c>Country-Blocks-IPv4/IPv6</c>.</summary>
    public string? CountryCsv { get; set; }

    /// <summary>GeoLite2 <c>Country-Locations-en.csv</c>, needed by GeoLite2 country blocks.</summary>
    public string? CountryLocationsCsv { get; set; }

    /// <summary>City ranges: DB-IP <c>dbip-city-lite</c> or GeoLite2 <c>City-Blocks-IPv4/IPv6</c>.</summary>
    public string? CityCsv { get; set; }

    /// <summary>GeoLite2 <c>City-Locations-en.csv</c>, needed by GeoLite2 city blocks.</summary>
    public string? CityLocationsCsv { get; set; }

    /// <summary>Autonomous-system ranges: DB-IP <c>dbip-asn-lite</c> or GeoLite2 <c>ASN-Blocks-IPv4/IPv6</c>.</summary>
    public string? AsnCsv { get; set; }

    /// <summary>Risky-IP lists in the FireHOL netset layout; listed addresses get <c>IP_RISKY_REPUTATION</c>.</summary>
    public string? RiskyNetsets { get; set; }

    /// <summary>More AS numbers to type as <c>hosting</c>, separated by <c>;</c> or <c>,</c> (<c>AS</c> prefix optional).</summary>
    public string? HostingAsns { get; set; }

    /// <summary>
    /// Load the small sample data set shipped with the service (documentation ranges and a few
    /// hand-written public ones) for local use and demos. Not real data: leave off in production.
    /// </summary>
    public bool UseSampleData { get; set; }

    internal static IReadOnlyList<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
