using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Rules.Engine;
using RiskFunctions.Domain.Rules.Model;
using static RiskFunctions.Domain.Tests.Rules.RuleBuilder;

namespace RiskFunctions.Domain.Tests.Rules.Engine;

public sealed class CompiledRuleSetTests
{
    private static readonly RuleFacts Action = new()
    {
        Ip = Ip("203.0.113.10"),
        DeviceId = "device-1",
        DeviceFingerprint = "fp-1",
        DevicePublicKey = "key-1",
        UserId = "user-1",
        CountryCode = "US",
        BrowserName = "Chrome",
        OsVersion = "14.1.0",
    };

    [Fact]
    public void Evaluate_EmptySet_MatchesNothing()
    {
        Assert.Equal(RuleEvaluation.None, CompiledRuleSet.Empty.Evaluate(Action));
    }

    [Fact]
    public void Evaluate_NoFacts_MatchesNothing()
    {
        var set = CompiledRuleSet.Compile([Rule(1, MatcherKind.IpCidrs, ["0.0.0.0/0"]), Rule(2, MatcherKind.UserIds, ["user-1"])]);

        Assert.Equal(RuleEvaluation.None, set.Evaluate(default));
    }

    [Fact]
    public void Evaluate_SeveralProductionMatches_SmallestPriorityWins()
    {
        var set = CompiledRuleSet.Compile(
        [
            Rule(30, MatcherKind.UserIds, ["user-1"], recommendation: RuleRecommendationType.Trust),
            Rule(20, MatcherKind.CountryCodes, ["us"], recommendation: RuleRecommendationType.Challenge),
            Rule(10, MatcherKind.DeviceIds, ["other"], recommendation: RuleRecommendationType.Deny),
        ]);

        var result = set.Evaluate(Action);

        Assert.Equal("rule-20", result.Production?.Id);
        Assert.Equal(RuleRecommendationType.Challenge, result.Production?.Recommendation);
        Assert.Null(result.Preview);
    }

    [Fact]
    public void Evaluate_DisabledRule_NeverMatches()
    {
        var set = CompiledRuleSet.Compile(
        [
            Rule(1, MatcherKind.UserIds, ["user-1"], enabled: false),
            Rule(2, MatcherKind.UserIds, ["user-1"], mode: RuleMode.Preview, enabled: false),
            Rule(3, MatcherKind.DeviceIds, ["device-1"]),
        ]);

        var result = set.Evaluate(Action);

        Assert.Equal("rule-3", result.Production?.Id);
        Assert.Null(result.Preview);
        Assert.Single(set.Rules);
    }

    [Fact]
    public void Evaluate_PreviewAheadOfProduction_ReportedBesideIt()
    {
        var set = CompiledRuleSet.Compile(
        [
            Rule(5, MatcherKind.BrowserNames, ["chrome"], mode: RuleMode.Preview, recommendation: RuleRecommendationType.Challenge),
            Rule(7, MatcherKind.UserIds, ["user-1"], mode: RuleMode.Preview),
            Rule(9, MatcherKind.CountryCodes, ["US"], recommendation: RuleRecommendationType.Trust),
        ]);

        var result = set.Evaluate(Action);

        Assert.Equal("rule-9", result.Production?.Id);
        Assert.Equal("rule-5", result.Preview?.Id);
    }

    [Fact]
    public void Evaluate_PreviewBehindProduction_NotReported()
    {
        var set = CompiledRuleSet.Compile(
        [
            Rule(5, MatcherKind.CountryCodes, ["US"]),
            Rule(6, MatcherKind.UserIds, ["user-1"], mode: RuleMode.Preview),
        ]);

        var result = set.Evaluate(Action);

        Assert.Equal("rule-5", result.Production?.Id);
        Assert.Null(result.Preview);
    }

    [Fact]
    public void Evaluate_OnlyPreviewMatches_ReportsPreviewWithoutDecision()
    {
        var set = CompiledRuleSet.Compile(
        [
            Rule(5, MatcherKind.OsVersions, ["14.1.0"], mode: RuleMode.Preview),
            Rule(6, MatcherKind.DeviceIds, ["nope"]),
        ]);

        var result = set.Evaluate(Action);

        Assert.Null(result.Production);
        Assert.Equal("rule-5", result.Preview?.Id);
    }

    [Theory]
    [InlineData("chrome", "14.1.0")]
    [InlineData("CHROME", "14.1.0")]
    [InlineData("Chrome", "14.1.0")]
    public void Evaluate_BrowserName_MatchesIgnoringCase(string browser, string os)
    {
        var set = CompiledRuleSet.Compile([Rule(1, MatcherKind.BrowserNames, ["Chrome"]), Rule(2, MatcherKind.OsVersions, ["X86_64"])]);

        Assert.Equal("rule-1", set.Evaluate(new RuleFacts { BrowserName = browser, OsVersion = os }).Production?.Id);
        Assert.Equal("rule-2", set.Evaluate(new RuleFacts { OsVersion = "x86_64" }).Production?.Id);
    }

    [Theory]
    [InlineData("de", true)]
    [InlineData("DE", true)]
    [InlineData("dE", true)]
    [InlineData("D", false)]
    [InlineData("DEU", false)]
    [InlineData("D[", false)]
    [InlineData("", false)]
    public void Evaluate_CountryCode_MatchesTwoLettersIgnoringCase(string country, bool expected)
    {
        var set = CompiledRuleSet.Compile([Rule(1, MatcherKind.CountryCodes, ["DE", "FR"])]);

        Assert.Equal(expected, set.Evaluate(new RuleFacts { CountryCode = country }).Production is not null);
    }

    [Theory]
    [InlineData("user-1", true)]
    [InlineData("USER-1", false)]
    [InlineData("user-1 ", false)]
    public void Evaluate_Identifier_MatchesExactly(string userId, bool expected)
    {
        var set = CompiledRuleSet.Compile([Rule(1, MatcherKind.UserIds, ["user-1"])]);

        Assert.Equal(expected, set.Evaluate(new RuleFacts { UserId = userId }).Production is not null);
    }

    [Theory]
    [InlineData("10.20.30.40", "rule-1")]
    [InlineData("10.20.0.1", "rule-2")]
    [InlineData("10.99.0.1", "rule-3")]
    [InlineData("11.0.0.1", null)]
    [InlineData("::ffff:10.20.30.40", "rule-1")]
    [InlineData("2001:db8:1::5", "rule-5")]
    [InlineData("2001:db8:2::5", "rule-4")]
    [InlineData("2001:db9::5", null)]
    public void Evaluate_NestedRanges_BestPriorityAmongContainingRangesWins(string address, string? expected)
    {
        var set = CompiledRuleSet.Compile(
        [
            Rule(1, MatcherKind.IpCidrs, ["10.20.30.0/24"]),
            Rule(2, MatcherKind.IpCidrs, ["10.20.0.0/16"]),
            Rule(3, MatcherKind.IpCidrs, ["10.0.0.0/8"]),
            Rule(4, MatcherKind.IpCidrs, ["2001:db8:2::/48"]),
            Rule(5, MatcherKind.IpCidrs, ["2001:db8::/32"]),
        ]);

        Assert.Equal(expected, set.Evaluate(new RuleFacts { Ip = Ip(address) }).Production?.Id);
    }

    [Fact]
    public void Evaluate_WiderRangeWithBetterPriority_WinsOverLongerPrefix()
    {
        var set = CompiledRuleSet.Compile(
        [
            Rule(1, MatcherKind.IpCidrs, ["10.0.0.0/8"]),
            Rule(2, MatcherKind.IpCidrs, ["10.20.30.40/32"]),
        ]);

        Assert.Equal("rule-1", set.Evaluate(new RuleFacts { Ip = Ip("10.20.30.40") }).Production?.Id);
    }

    [Fact]
    public void Evaluate_IPv6Range_DoesNotMatchIPv4Addresses()
    {
        var set = CompiledRuleSet.Compile([Rule(1, MatcherKind.IpCidrs, ["::/0"])]);

        Assert.Null(set.Evaluate(new RuleFacts { Ip = Ip("10.0.0.1") }).Production);
        Assert.Null(set.Evaluate(new RuleFacts { Ip = Ip("::ffff:10.0.0.1") }).Production);
        Assert.NotNull(set.Evaluate(new RuleFacts { Ip = Ip("::1") }).Production);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    public void Evaluate_EdgesOfAddressSpace_Matched(string address)
    {
        var set = CompiledRuleSet.Compile(
        [
            Rule(1, MatcherKind.IpCidrs, ["0.0.0.0/32", "255.255.255.255/32"]),
            Rule(2, MatcherKind.IpCidrs, ["0.0.0.0/0"]),
        ]);

        Assert.Equal("rule-1", set.Evaluate(new RuleFacts { Ip = Ip(address) }).Production?.Id);
    }

    [Fact]
    public void Evaluate_SameValueInProductionAndPreviewRules_EachModeKeepsItsBest()
    {
        var set = CompiledRuleSet.Compile(
        [
            Rule(3, MatcherKind.UserIds, ["user-1"], mode: RuleMode.Preview),
            Rule(4, MatcherKind.UserIds, ["user-1"]),
            Rule(1, MatcherKind.UserIds, ["user-2"]),
        ]);

        var result = set.Evaluate(new RuleFacts { UserId = "user-1" });

        Assert.Equal("rule-4", result.Production?.Id);
        Assert.Equal("rule-3", result.Preview?.Id);
    }

    [Fact]
    public void Compile_EqualPriorities_OrderedById()
    {
        var set = CompiledRuleSet.Compile(
        [
            Rule(1, MatcherKind.UserIds, ["user-1"], id: "b"),
            Rule(1, MatcherKind.UserIds, ["user-1"], id: "a"),
        ]);

        Assert.Equal("a", set.Evaluate(new RuleFacts { UserId = "user-1" }).Production?.Id);
    }

    [Fact]
    public void Compile_Rules_RankIsIndexInEvaluationOrder()
    {
        var set = CompiledRuleSet.Compile(
        [
            Rule(50, MatcherKind.UserIds, ["a"]),
            Rule(10, MatcherKind.UserIds, ["b"]),
            Rule(30, MatcherKind.UserIds, ["c"], mode: RuleMode.Preview),
        ]);

        Assert.Equal([10, 30, 50], set.Rules.Select(r => r.Priority));
        Assert.Equal([0, 1, 2], set.Rules.Select(r => r.Rank));
    }

    [Fact]
    public void Evaluate_ProductionMatch_CarriesReasonCodeNamingTheRule()
    {
        var set = CompiledRuleSet.Compile([Rule(1, MatcherKind.UserIds, ["user-1"])]);

        Assert.Equal("RULE_MATCH:Rule 1", set.Evaluate(Action).Production?.ReasonCode);
    }

    [Fact]
    public void Evaluate_WarmedUp_AllocatesNothing()
    {
        var generator = new RiskFunctions.Testing.Rules.RuleSetGenerator(new(RuleCount: 2000, CidrRules: 1000, PoolSize: 200), seed: 7);
        var set = CompiledRuleSet.Compile(generator.Rules());
        var facts = Enumerable.Range(0, 256).Select(_ => generator.Facts()).ToArray();
        foreach (var fact in facts)
        {
            set.Evaluate(fact);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 20; round++)
        {
            foreach (var fact in facts)
            {
                set.Evaluate(fact);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
