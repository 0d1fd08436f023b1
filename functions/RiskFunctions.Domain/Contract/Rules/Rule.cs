namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>A recommendation rule: the body of create and update requests and the <c>data</c> of a get.</summary>
public sealed record Rule : RuleDefinition;
