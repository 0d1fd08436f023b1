using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Benchmarks.Enrichment;

/// <summary>
/// Start-up cost: parsing and indexing 500,000 DB-IP country lines from memory (file I/O excluded), the
/// size class of the real country file (~600,000 lines for both families).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 5)]
public class IpIntelligenceLoadBenchmarks
{
    private string _csv = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var csv = new StringBuilder();
        var codes = new[] { "US", "DE", "FR", "GB", "BR", "IN", "CN", "JP", "AU", "NZ" };
        for (uint i = 0; i < 500_000; i++)
        {
            var start = 0x0100_0000u + (i * 4096);
            csv.Append(IpAddressValue.FromIPv4(start)).Append(',').Append(IpAddressValue.FromIPv4(start + 4000)).Append(',').Append(codes[i % codes.Length]).Append('\n');
        }

        _csv = csv.ToString();
    }

    [Benchmark]
    public IpIntelligenceDatabase LoadCountryCsv() =>
        new IpIntelligenceBuilder().AddCountries(new StringReader(_csv), "country.csv", IpDataFormat.DbIp).Build();
}
