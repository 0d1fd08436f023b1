using BenchmarkDotNet.Attributes;
using RiskFunctions.Domain.Enrichment.UserAgents;

namespace RiskFunctions.Benchmarks.Enrichment;

/// <summary>
/// User-agent parsing per call over a mix of twelve real strings: through the cache (the steady state of a
/// tenant whose clients repeat their strings) and uncached (a string seen for the first time).
/// </summary>
[MemoryDiagnoser]
public class UserAgentParserBenchmarks
{
    private readonly UserAgentParser _cached = new();
    private readonly UserAgentParser _uncached = new(cacheSize: 0);
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        foreach (var ua in UserAgentSamples.Mix)
        {
            _cached.Parse(ua);
        }
    }

    [Benchmark(Baseline = true)]
    public UserAgentInfo Cached() => _cached.Parse(UserAgentSamples.Mix[_next++ % UserAgentSamples.Mix.Length]);

    [Benchmark]
    public UserAgentInfo Uncached() => _uncached.Parse(UserAgentSamples.Mix[_next++ % UserAgentSamples.Mix.Length]);
}
