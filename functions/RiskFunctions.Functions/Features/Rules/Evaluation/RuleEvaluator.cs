using RiskFunctions.Domain.Rules.Engine;

namespace RiskFunctions.Functions.Features.Rules.Evaluation;

/// <inheritdoc />
internal sealed class RuleEvaluator(RuleSetCache cache, TimeProvider time) : IRuleEvaluator
{
    /// <inheritdoc />
    public ValueTask<RuleEvaluation> EvaluateAsync(string tenantId, RuleFacts facts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var rules = cache.GetAsync(tenantId, cancellationToken);
        return rules.IsCompletedSuccessfully
            ? new ValueTask<RuleEvaluation>(Evaluate(rules.Result, facts))
            : EvaluateWhenLoadedAsync(rules, facts);
    }

    private async ValueTask<RuleEvaluation> EvaluateWhenLoadedAsync(ValueTask<TenantRuleSet> rules, RuleFacts facts) =>
        Evaluate(await rules, facts);

    /// <inheritdoc />
    public void CountHits(string tenantId, RuleEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if ((evaluation.Production is not null || evaluation.Preview is not null) && cache.Peek(tenantId) is { } rules)
        {
            rules.TryRecord(evaluation, time.GetUtcNow().UtcTicks);
        }
    }

    private static RuleEvaluation Evaluate(TenantRuleSet rules, in RuleFacts facts) => rules.Rules.Evaluate(facts);
}
