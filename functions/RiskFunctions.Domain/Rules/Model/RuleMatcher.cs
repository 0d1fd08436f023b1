namespace RiskFunctions.Domain.Rules.Model;

/// <summary>
/// A rule's single matcher: the field it looks at and the normalized values it matches. Built only through
/// <see cref="Values.MatcherValues.TryCreateMatcher"/>, so the values are always valid, normalized and unique.
/// </summary>
public sealed class RuleMatcher
{
    internal RuleMatcher(MatcherKind kind, IReadOnlyList<string> values)
    {
        Kind = kind;
        Values = values;
    }

    public MatcherKind Kind { get; }

    /// <summary>Normalized values in the order given, duplicates removed.</summary>
    public IReadOnlyList<string> Values { get; }
}
