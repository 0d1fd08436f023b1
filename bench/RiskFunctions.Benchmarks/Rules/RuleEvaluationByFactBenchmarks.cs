using BenchmarkDotNet.Attributes;
using RiskFunctions.Domain.Rules.Engine;
using RiskFunctions.Testing.Rules;

namespace RiskFunctions.Benchmarks.Rules;

/// <summary>
/// Where an evaluation's time goes: the same 10,000-rule set probed with only some facts present (the IP
/// range tables, the four identifier indexes, the name and country indexes), against no facts at all.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RuleEvaluationByFactBenchmarks
{
    private const int FactCount = 4096;

    private CompiledRuleSet compiled = CompiledRuleSet.Empty;
    private RuleFacts[] nothing = [];
    private RuleFacts[] ipOnly = [];
    private RuleFacts[] identifiersOnly = [];
    private RuleFacts[] namesOnly = [];
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        var generator = new RuleSetGenerator(RuleSetShapes.TenThousandMixed with { FactHitRate = 0.05 }, seed: 42);
        compiled = CompiledRuleSet.Compile(generator.Rules());
        var all = Enumerable.Range(0, FactCount).Select(_ => generator.Facts()).ToArray();
        nothing = new RuleFacts[FactCount];
        ipOnly = all.Select(f => new RuleFacts { Ip = f.Ip }).ToArray();
        identifiersOnly = all.Select(f => new RuleFacts
        {
            DeviceId = f.DeviceId,
            DeviceFingerprint = f.DeviceFingerprint,
            DevicePublicKey = f.DevicePublicKey,
            UserId = f.UserId,
        }).ToArray();
        namesOnly = all.Select(f => new RuleFacts { CountryCode = f.CountryCode, BrowserName = f.BrowserName, OsVersion = f.OsVersion })
            .ToArray();
    }

    [Benchmark(Baseline = true)]
    public RuleEvaluation NoFacts() => compiled.Evaluate(nothing[next++ & (FactCount - 1)]);

    [Benchmark]
    public RuleEvaluation IpOnly() => compiled.Evaluate(ipOnly[next++ & (FactCount - 1)]);

    [Benchmark]
    public RuleEvaluation IdentifiersOnly() => compiled.Evaluate(identifiersOnly[next++ & (FactCount - 1)]);

    [Benchmark]
    public RuleEvaluation CountryBrowserOsOnly() => compiled.Evaluate(namesOnly[next++ & (FactCount - 1)]);
}
