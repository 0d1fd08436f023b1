using RiskFunctions.Domain.Rules.Engine;
using RiskFunctions.Testing.Rules;

namespace RiskFunctions.Domain.Tests.Rules.Engine;

/// <summary>The compiled engine must answer exactly what walking the rules in priority order answers.</summary>
public sealed class CompiledRuleSetEquivalenceTests
{
    public static TheoryData<int, int, int, int> Shapes => new()
    {
        // seed, rules, CIDR rules, pool size
        { 1, 10, 5, 3 },
        { 2, 50, 25, 5 },
        { 3, 200, 100, 10 },
        { 4, 500, 0, 20 },
        { 5, 500, 500, 20 },
        { 6, 1000, 500, 50 },
        { 7, 1000, 800, 8 },
        { 8, 3000, 1500, 300 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Evaluate_RandomRulesAndActions_SameAsLinearScan(int seed, int rules, int cidrRules, int poolSize)
    {
        var generator = new RuleSetGenerator(new RuleSetShape(rules, cidrRules, poolSize), seed);
        var ruleSet = generator.Rules();
        var compiled = CompiledRuleSet.Compile(ruleSet);
        var linear = new LinearRuleEvaluator(ruleSet);
        var productionMatches = 0;
        var previewMatches = 0;

        for (var i = 0; i < 3000; i++)
        {
            var facts = generator.Facts();
            var expected = linear.Evaluate(facts);
            var actual = compiled.Evaluate(facts);

            Assert.True(
                expected.Production?.Id == actual.Production?.Id && expected.Preview?.Id == actual.Preview?.Id,
                $"Action {i} ({facts}): expected production {expected.Production?.Id ?? "none"} / preview "
                + $"{expected.Preview?.Id ?? "none"}, got {actual.Production?.Id ?? "none"} / {actual.Preview?.Id ?? "none"}");
            productionMatches += actual.Production is null ? 0 : 1;
            previewMatches += actual.Preview is null ? 0 : 1;
        }

        // The comparison only means something if both kinds of outcome occur often enough.
        Assert.True(productionMatches >= 300, $"only {productionMatches} production matches");
        Assert.True(previewMatches >= 30, $"only {previewMatches} preview matches");
    }
}
