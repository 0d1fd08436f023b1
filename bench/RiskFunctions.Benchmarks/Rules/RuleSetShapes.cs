using RiskFunctions.Testing.Rules;

namespace RiskFunctions.Benchmarks.Rules;

internal static class RuleSetShapes
{
    /// <summary>
    /// 10,000 rules, 5,000 of them IP ranges (2,500 IPv4, 2,500 IPv6), the rest spread over the other seven
    /// matchers; 1-3 values per rule from pools of 5,000 values per kind; 30% preview, 10% disabled.
    /// </summary>
    public static RuleSetShape TenThousandMixed { get; } = new(RuleCount: 10_000, CidrRules: 5_000, PoolSize: 5_000);
}
