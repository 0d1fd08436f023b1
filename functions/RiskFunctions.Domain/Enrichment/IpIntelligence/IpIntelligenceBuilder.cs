namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>
/// Builds an <see cref="IpIntelligenceDatabase"/> from data the caller reads (the Domain does no I/O):
/// country, city and ASN tables in DB-IP or GeoLite2 CSV layout, and risky-IP netsets. Each
/// <c>Add…</c> reads its reader to the end; a malformed line throws <see cref="IpDataFormatException"/>
/// naming the source and line, and nothing is built. Not thread-safe; use one builder per load.
/// </summary>
public sealed class IpIntelligenceBuilder
{
    private readonly IpRangeTableBuilder<IpLocation> _cities = new();
    private readonly IpRangeTableBuilder<IpLocation> _countries = new();
    private readonly IpRangeTableBuilder<AutonomousSystem> _autonomousSystems = new();
    private readonly RangeAccumulator<uint> _riskyV4 = new();
    private readonly RangeAccumulator<UInt128> _riskyV6 = new();
    private readonly Dictionary<long, IpLocation> _geoLite2Locations = [];
    private readonly HashSet<uint> _hostingAsns = [.. HostingNetworks.WellKnownAsns];
    private bool _hasRisky;

    /// <summary>Adds a GeoLite2 <c>Country-Locations</c> or <c>City-Locations</c> file; load it before the blocks that use it.</summary>
    public IpIntelligenceBuilder AddGeoLite2Locations(TextReader reader, string source)
    {
        GeoLite2Csv.ReadLocations(new CsvRecordReader(reader, source), _geoLite2Locations);
        return this;
    }

    /// <summary>Adds country ranges (DB-IP country lite, or GeoLite2 Country blocks).</summary>
    public IpIntelligenceBuilder AddCountries(TextReader reader, string source, IpDataFormat format = IpDataFormat.Auto) =>
        Add(reader, source, format,
            geoLite2: csv => GeoLite2Csv.ReadLocationBlocks(csv, _geoLite2Locations, _countries),
            dbIp: csv => DbIpCsv.ReadCountry(csv, _countries));

    /// <summary>Adds city ranges (DB-IP city lite, or GeoLite2 City blocks). City data wins over country data.</summary>
    public IpIntelligenceBuilder AddCities(TextReader reader, string source, IpDataFormat format = IpDataFormat.Auto) =>
        Add(reader, source, format,
            geoLite2: csv => GeoLite2Csv.ReadLocationBlocks(csv, _geoLite2Locations, _cities),
            dbIp: csv => DbIpCsv.ReadCity(csv, _cities));

    /// <summary>Adds autonomous-system ranges (DB-IP ASN lite, or GeoLite2 ASN blocks).</summary>
    public IpIntelligenceBuilder AddAutonomousSystems(TextReader reader, string source, IpDataFormat format = IpDataFormat.Auto) =>
        Add(reader, source, format,
            geoLite2: csv => GeoLite2Csv.ReadAsnBlocks(csv, _autonomousSystems),
            dbIp: csv => DbIpCsv.ReadAsn(csv, _autonomousSystems));

    /// <summary>Adds a risky-IP list (FireHOL-style netset); every address on it is marked <c>IP_RISKY_REPUTATION</c>.</summary>
    public IpIntelligenceBuilder AddRiskyNetset(TextReader reader, string source)
    {
        NetsetReader.Read(reader, source, _riskyV4, _riskyV6);
        _hasRisky = true;
        return this;
    }

    /// <summary>Marks more autonomous systems as hosting providers, beyond <see cref="HostingNetworks.WellKnownAsns"/>.</summary>
    public IpIntelligenceBuilder AddHostingAsns(IEnumerable<uint> asNumbers)
    {
        _hostingAsns.UnionWith(asNumbers);
        return this;
    }

    public IpIntelligenceDatabase Build()
    {
        var autonomousSystems = _autonomousSystems.IsEmpty
            ? null
            : _autonomousSystems.Build("autonomous systems", system => _hostingAsns.Contains(system.Number)
                ? new AutonomousSystem(system.Number, system.Organization, HostingNetworks.OrganizationType)
                : system);
        var risky = _hasRisky ? new IpRangeSet(_riskyV4.BuildMerged(), _riskyV6.BuildMerged()) : IpRangeSet.Empty;
        return new IpIntelligenceDatabase(
            _cities.IsEmpty ? null : _cities.Build("cities"),
            _countries.IsEmpty ? null : _countries.Build("countries"),
            autonomousSystems,
            risky);
    }

    private IpIntelligenceBuilder Add(TextReader reader, string source, IpDataFormat format, Action<CsvRecordReader> geoLite2, Action<CsvRecordReader> dbIp)
    {
        var csv = new CsvRecordReader(reader, source);
        if (format == IpDataFormat.Auto)
        {
            var first = csv.PeekLine();
            format = first is not null && first.StartsWith("network,", StringComparison.OrdinalIgnoreCase) ? IpDataFormat.GeoLite2 : IpDataFormat.DbIp;
        }

        (format == IpDataFormat.GeoLite2 ? geoLite2 : dbIp)(csv);
        return this;
    }
}
