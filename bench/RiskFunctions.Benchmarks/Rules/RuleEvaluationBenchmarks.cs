using BenchmarkDotNet.Attributes;
using RiskFunctions.Domain.Rules.Engine;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Testing.Rules;

namespace RiskFunctions.Benchmarks.Rules;

/// <summary>
/// One action evaluated against 10,000 rules of mixed matchers (5,000 of them IP ranges, half IPv4, half
/// IPv6): the compiled rule set against a linear scan over the same rules, in the same run.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RuleEvaluationBenchmarks
{
    private const int FactCount = 4096;

    private CompiledRuleSet compiled = CompiledRuleSet.Empty;
    private LinearRuleEvaluator linear = new([]);
    private RuleFacts[] facts = [];
    private int next;

    /// <summary>Chance that a present fact is one the rules name (most real traffic matches no rule).</summary>
    [Params(0.05, 0.5)]
    public double HitRate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var generator = new RuleSetGenerator(RuleSetShapes.TenThousandMixed with { FactHitRate = HitRate }, seed: 42);
        var rules = generator.Rules();
        compiled = CompiledRuleSet.Compile(rules);
        linear = new LinearRuleEvaluator(rules);
        facts = Enumerable.Range(0, FactCount).Select(_ => generator.Facts()).ToArray();
    }

    [Benchmark(Baseline = true)]
    public (RecommendationRule? Production, RecommendationRule? Preview) LinearScan() =>
        linear.Evaluate(facts[next++ & (FactCount - 1)]);

    [Benchmark]
    public RuleEvaluation Compiled() => compiled.Evaluate(facts[next++ & (FactCount - 1)]);
}
