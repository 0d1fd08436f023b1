namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>A recommendation rule: the <c>data</c> of a get (requests are read as <see cref="RuleRequest"/>).</summary>
public sealed record Rule : RuleDefinition;
