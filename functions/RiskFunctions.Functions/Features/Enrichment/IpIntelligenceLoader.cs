using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Functions.Features.Enrichment;

/// <summary>
/// Reads the configured IP-intelligence files into an <see cref="IpIntelligenceDatabase"/>. Runs once at
/// start-up; a missing or malformed file stops the start with a message naming the setting, the file
/// and the line, because silently scoring without the data a tenant configured would be worse.
/// </summary>
internal sealed partial class IpIntelligenceLoader
{
    /// <summary>Where the bundled sample files are copied in the application's output.</summary>
    internal static readonly string SampleDirectory = Path.Combine(AppContext.BaseDirectory, "SampleData", "IpIntelligence");

    /// <summary>The documentation AS the sample data uses for its hosting provider.</summary>
    internal const uint SampleHostingAsn = 64498;

    private readonly IpIntelligenceOptions _options;
    private readonly string _contentRoot;
    private readonly ILogger<IpIntelligenceLoader> _logger;

    public IpIntelligenceLoader(IOptions<IpIntelligenceOptions> options, IHostEnvironment environment, ILogger<IpIntelligenceLoader> logger)
    {
        _options = options.Value;
        _contentRoot = environment.ContentRootPath;
        _logger = logger;
    }

    public IpIntelligenceDatabase Load()
    {
        var stopwatch = Stopwatch.StartNew();
        var builder = new IpIntelligenceBuilder();
        var files = 0;
        if (_options.UseSampleData)
        {
            files += AddSample(builder);
        }

        files += Read(nameof(IpIntelligenceOptions.CountryLocationsCsv), _options.CountryLocationsCsv, (reader, source) => builder.AddGeoLite2Locations(reader, source));
        files += Read(nameof(IpIntelligenceOptions.CityLocationsCsv), _options.CityLocationsCsv, (reader, source) => builder.AddGeoLite2Locations(reader, source));
        files += Read(nameof(IpIntelligenceOptions.CountryCsv), _options.CountryCsv, (reader, source) => builder.AddCountries(reader, source, _options.Format));
        files += Read(nameof(IpIntelligenceOptions.CityCsv), _options.CityCsv, (reader, source) => builder.AddCities(reader, source, _options.Format));
        files += Read(nameof(IpIntelligenceOptions.AsnCsv), _options.AsnCsv, (reader, source) => builder.AddAutonomousSystems(reader, source, _options.Format));
        files += Read(nameof(IpIntelligenceOptions.RiskyNetsets), _options.RiskyNetsets, (reader, source) => builder.AddRiskyNetset(reader, source));
        builder.AddHostingAsns(IpIntelligenceOptions.SplitList(_options.HostingAsns)
            .Select(entry => IpIntelligenceOptionsValidator.TryParseAsn(entry, out var number) ? number : 0));

        var database = builder.Build();
        var statistics = database.Statistics;
        if (files == 0)
        {
            LogNoData(_logger);
        }
        else
        {
            LogLoaded(_logger, files, statistics.CountryRanges, statistics.CityRanges, statistics.AsnRanges, statistics.RiskyRanges, stopwatch.ElapsedMilliseconds);
        }

        return database;
    }

    private static int AddSample(IpIntelligenceBuilder builder)
    {
        using (var country = OpenText(Path.Combine(SampleDirectory, "sample-country.csv")))
        using (var city = OpenText(Path.Combine(SampleDirectory, "sample-city.csv")))
        using (var asn = OpenText(Path.Combine(SampleDirectory, "sample-asn.csv")))
        using (var risky = OpenText(Path.Combine(SampleDirectory, "sample-risky.netset")))
        {
            builder.AddCountries(country, "sample-country.csv", IpDataFormat.DbIp)
                .AddCities(city, "sample-city.csv", IpDataFormat.DbIp)
                .AddAutonomousSystems(asn, "sample-asn.csv", IpDataFormat.DbIp)
                .AddRiskyNetset(risky, "sample-risky.netset")
                .AddHostingAsns([SampleHostingAsn]);
        }

        return 4;
    }

    private int Read(string setting, string? paths, Action<TextReader, string> add)
    {
        var count = 0;
        foreach (var configured in IpIntelligenceOptions.SplitList(paths))
        {
            var path = Path.GetFullPath(configured, _contentRoot);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"{IpIntelligenceOptions.SectionName}:{setting}: the file '{path}' does not exist.", path);
            }

            using var reader = OpenText(path);
            add(reader, Path.GetFileName(path));
            count++;
        }

        return count;
    }

    private static StreamReader OpenText(string path)
    {
        var stream = new FileStream(path, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        Stream content = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(stream, CompressionMode.Decompress)
            : stream;
        return new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "IP intelligence: no data configured; IP country, ASN and reputation stay unknown")]
    private static partial void LogNoData(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "IP intelligence: loaded {Files} files ({CountryRanges} country, {CityRanges} city, {AsnRanges} ASN, {RiskyRanges} risky ranges) in {ElapsedMs} ms")]
    private static partial void LogLoaded(ILogger logger, int files, int countryRanges, int cityRanges, int asnRanges, int riskyRanges, long elapsedMs);
}
