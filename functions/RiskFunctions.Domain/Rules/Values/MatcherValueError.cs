namespace RiskFunctions.Domain.Rules.Values;

/// <summary>A bad matcher value: its index in the list (-1 for the list itself) and what is wrong.</summary>
public readonly record struct MatcherValueError(int Index, string Message);
