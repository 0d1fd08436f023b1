using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Enrichment;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Functions.Features.Enrichment;

namespace RiskFunctions.Functions.Tests.Features.Enrichment;

public sealed class IpIntelligenceLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ip-intelligence-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Load_NothingConfigured_AnswersNothing()
    {
        using var services = Services([]);
        Assert.Equal(IpIntelligenceResult.None, services.GetRequiredService<IpIntelligenceDatabase>().Lookup("8.8.8.8"));
    }

    [Fact]
    public void Load_SampleData_ResolvesDocumentationRanges()
    {
        using var services = Services(new() { ["IpIntelligence:UseSampleData"] = "true" });
        var enricher = services.GetRequiredService<ActionEnricher>();

        var hosting = enricher.Enrich("203.0.113.200", null);
        Assert.Equal(("BR", "Sao Paulo", "AS64498", "hosting", true), (hosting.IpCountry, hosting.IpLocationCity, hosting.IpAsnId, hosting.IpOrganizationType, hosting.IsRiskyIp));

        var residential = enricher.Enrich("192.0.2.10", null);
        Assert.Equal(("US", "AS64496 Example Residential ISP", false, false), (residential.IpCountry, residential.IpAsnName, residential.IsRiskyIp, residential.IsHostingIp));

        Assert.True(enricher.Enrich("2001:db8:bad::1", null).IsRiskyIp);
        Assert.Equal("FR", enricher.Enrich("2001:db8:8000::1", null).IpCountry);
    }

    [Fact]
    public void Load_DbIpFilesWithRelativeAndCompressedPaths_AreRead()
    {
        Write("data/country.csv", "1.0.0.0,1.0.0.255,AU\n");
        WriteGzip("data/asn.csv.gz", "1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n");
        Write("lists/a.netset", "1.0.0.128/25\n");
        Write("lists/b.netset", "2001:db8::/32\n");
        using var services = Services(new()
        {
            ["IpIntelligence:Format"] = "DbIp",
            ["IpIntelligence:CountryCsv"] = "data/country.csv",
            ["IpIntelligence:AsnCsv"] = Path.Combine(_root, "data/asn.csv.gz"),
            ["IpIntelligence:RiskyNetsets"] = "lists/a.netset; lists/b.netset",
            ["IpIntelligence:HostingAsns"] = "AS13335",
        });
        var result = services.GetRequiredService<ActionEnricher>().Enrich("1.0.0.200", null);
        Assert.Equal(("AU", "AS13335 Cloudflare, Inc.", true, true), (result.IpCountry, result.IpAsnName, result.IsRiskyIp, result.IsHostingIp));
        Assert.True(services.GetRequiredService<IpIntelligenceDatabase>().Lookup("2001:db8::5").IsRiskyReputation);
    }

    [Fact]
    public void Load_GeoLite2FilesPerFamily_AreRead()
    {
        Write("Country-Locations-en.csv", "geoname_id,locale_code,continent_code,continent_name,country_iso_code,country_name,is_in_european_union\n2921044,en,EU,Europe,DE,Germany,1\n");
        Write("Country-Blocks-IPv4.csv", "network,geoname_id,registered_country_geoname_id\n81.0.0.0/16,2921044,2921044\n");
        Write("Country-Blocks-IPv6.csv", "network,geoname_id,registered_country_geoname_id\n2a00::/16,2921044,2921044\n");
        using var services = Services(new()
        {
            ["IpIntelligence:CountryLocationsCsv"] = "Country-Locations-en.csv",
            ["IpIntelligence:CountryCsv"] = "Country-Blocks-IPv4.csv;Country-Blocks-IPv6.csv",
        });
        var database = services.GetRequiredService<IpIntelligenceDatabase>();
        Assert.Equal(("DE", "DE"), (database.Lookup("81.0.1.2").Location?.CountryCode, database.Lookup("2a00:1::1").Location?.CountryCode));
    }

    [Fact]
    public void Load_MissingFile_NamesSettingAndPath()
    {
        using var services = Services(new() { ["IpIntelligence:CityCsv"] = "nowhere/city.csv" });
        var error = Assert.Throws<FileNotFoundException>(services.GetRequiredService<IpIntelligenceDatabase>);
        Assert.Equal($"IpIntelligence:CityCsv: the file '{Path.Combine(_root, "nowhere", "city.csv")}' does not exist.", error.Message);
    }

    [Fact]
    public void Load_MalformedFile_NamesFileAndLine()
    {
        Write("country.csv", "1.0.0.0,1.0.0.255,AU\n1.0.1.0,oops,CN\n");
        using var services = Services(new() { ["IpIntelligence:CountryCsv"] = "country.csv" });
        var error = Assert.Throws<IpDataFormatException>(services.GetRequiredService<IpIntelligenceDatabase>);
        Assert.Equal("country.csv, line 2: '1.0.1.0' - 'oops' is not an address range.", error.Message);
    }

    [Fact]
    public async Task StartAsync_BrokenData_FailsTheStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _root });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IpIntelligence:RiskyNetsets"] = "missing.netset" });
        builder.Services.AddEnrichment(builder.Configuration);
        using var host = builder.Build();
        await Assert.ThrowsAsync<FileNotFoundException>(() => host.StartAsync());
    }

    [Theory]
    [InlineData("IpIntelligence:HostingAsns", "AS64500;abc", "IpIntelligence:HostingAsns: 'abc' is not an AS number.")]
    [InlineData("IpIntelligence:CityLocationsCsv", "x.csv", "IpIntelligence: Locations files belong to the GeoLite2 format, but Format is DbIp.")]
    public void Options_InvalidSetting_FailsValidation(string key, string value, string message)
    {
        using var services = Services(new() { ["IpIntelligence:Format"] = "DbIp", [key] = value });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IpIntelligenceOptions>>().Value);
        Assert.Equal([message], error.Failures);
    }

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IHostEnvironment>(new TestEnvironment(_root))
            .AddEnrichment(configuration);
        return services.BuildServiceProvider();
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private void WriteGzip(string relativePath, string content)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(content));
    }

    private sealed class TestEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "RiskFunctions.Functions.Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
