namespace RiskFunctions.Domain.Rules.Engine;

/// <summary>The outcome of evaluating one action against a tenant's rules.</summary>
/// <param name="Production">
/// The first enabled production rule that matched, which overrides the model's recommendation; or none.
/// </param>
/// <param name="Preview">
/// The first enabled preview rule that matched ahead of every matching production rule (it would have
/// decided had it been in production), reported as <c>preview_rule</c>; or none.
/// </param>
public readonly record struct RuleEvaluation(CompiledRule? Production, CompiledRule? Preview)
{
    /// <summary>No rule matched.</summary>
    public static RuleEvaluation None => default;
}
