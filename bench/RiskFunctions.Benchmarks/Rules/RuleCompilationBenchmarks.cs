using BenchmarkDotNet.Attributes;
using RiskFunctions.Domain.Rules.Engine;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Testing.Rules;

namespace RiskFunctions.Benchmarks.Rules;

/// <summary>Compiling a tenant's rule set: what a cache refresh costs after a rule change.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class RuleCompilationBenchmarks
{
    private IReadOnlyList<RecommendationRule> rules = [];

    [GlobalSetup]
    public void Setup() => rules = new RuleSetGenerator(RuleSetShapes.TenThousandMixed, seed: 42).Rules();

    [Benchmark]
    public CompiledRuleSet Compile10000Rules() => CompiledRuleSet.Compile(rules);
}
