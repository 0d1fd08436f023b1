namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>
/// The loaded IP-intelligence source: location, autonomous-system and risky-IP tables for IPv4 and
/// IPv6. Immutable and thread-safe; lookups are binary searches and allocate nothing. Built with
/// <see cref="IpIntelligenceBuilder"/>.
/// </summary>
public sealed class IpIntelligenceDatabase
{
    private readonly IpRangeTable<IpLocation>? _cities;
    private readonly IpRangeTable<IpLocation>? _countries;
    private readonly IpRangeTable<AutonomousSystem>? _autonomousSystems;
    private readonly IpRangeSet _risky;

    internal IpIntelligenceDatabase(
        IpRangeTable<IpLocation>? cities,
        IpRangeTable<IpLocation>? countries,
        IpRangeTable<AutonomousSystem>? autonomousSystems,
        IpRangeSet risky)
    {
        _cities = cities;
        _countries = countries;
        _autonomousSystems = autonomousSystems;
        _risky = risky;
    }

    /// <summary>A source with no data: every lookup answers <see cref="IpIntelligenceResult.None"/>.</summary>
    public static IpIntelligenceDatabase Empty { get; } = new(null, null, null, IpRangeSet.Empty);

    /// <summary>Range counts per table, for start-up logging.</summary>
    public IpIntelligenceStatistics Statistics => new(
        (_cities?.IPv4RangeCount ?? 0) + (_cities?.IPv6RangeCount ?? 0),
        (_countries?.IPv4RangeCount ?? 0) + (_countries?.IPv6RangeCount ?? 0),
        (_autonomousSystems?.IPv4RangeCount ?? 0) + (_autonomousSystems?.IPv6RangeCount ?? 0),
        _risky.IPv4RangeCount + _risky.IPv6RangeCount);

    /// <summary>Looks up a textual address; a missing or unparsable one gives <see cref="IpIntelligenceResult.None"/>.</summary>
    public IpIntelligenceResult Lookup(ReadOnlySpan<char> ip) =>
        IpAddressValue.TryParse(ip, out var address) ? Lookup(address) : IpIntelligenceResult.None;

    public IpIntelligenceResult Lookup(IpAddressValue address) => new(
        _cities?.Find(address) ?? _countries?.Find(address),
        _autonomousSystems?.Find(address),
        _risky.Contains(address));
}

/// <summary>How many ranges each table of an <see cref="IpIntelligenceDatabase"/> holds.</summary>
public readonly record struct IpIntelligenceStatistics(int CityRanges, int CountryRanges, int AsnRanges, int RiskyRanges);
