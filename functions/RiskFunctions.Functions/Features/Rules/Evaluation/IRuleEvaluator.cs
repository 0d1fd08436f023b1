using RiskFunctions.Domain.Rules.Engine;

namespace RiskFunctions.Functions.Features.Rules.Evaluation;

/// <summary>
/// Evaluates an action against its tenant's rules at trigger time, and counts the hits of the actions that were stored.
/// </summary>
/// <remarks>
/// Use the result as follows. <see cref="RuleEvaluation.Production"/>, when present, overrides the model's
/// recommendation with its <see cref="CompiledRule.Recommendation"/> and adds its
/// <see cref="CompiledRule.ReasonCode"/> (<c>RULE_MATCH:&lt;rule name&gt;</c>) to the reasons; the risk score
/// stays the model's. <see cref="RuleEvaluation.Preview"/>, when present, becomes
/// <c>preview_rule {rule_name: Name, recommendation: Recommendation, risk_score: the model's score}</c> and
/// changes nothing else. The call completes synchronously and allocates nothing when the tenant's rules are
/// cached and fresh; it awaits one point read at most every few seconds per tenant, and a full load after a
/// change. It throws (<see cref="Azure.RequestFailedException"/>) only if the tenant's rules have never been
/// loaded on this instance and storage cannot be reached.
/// </remarks>
public interface IRuleEvaluator
{
    ValueTask<RuleEvaluation> EvaluateAsync(string tenantId, RuleFacts facts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts the rules <paramref name="evaluation"/> reported, once its action is stored: a request that fails and is
    /// retried evaluates again, and counting at evaluation would count its hits twice. An evaluation against rules that
    /// changed since is not counted (the counts belong to a rule's revision).
    /// </summary>
    void CountHits(string tenantId, RuleEvaluation evaluation);
}
