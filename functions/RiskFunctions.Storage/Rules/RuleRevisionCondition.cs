namespace RiskFunctions.Storage.Rules;

/// <summary>
/// What an update or delete requires of the rule's current revision (the HTTP <c>If-Match</c> precondition): the
/// change is made only while the rule is at one of <see cref="Revisions"/>, and nothing is written otherwise. With
/// no revisions it is met by none.
/// </summary>
/// <param name="Revisions">The revisions the caller accepts.</param>
public sealed record RuleRevisionCondition(IReadOnlyList<long> Revisions)
{
    /// <summary>Met only while the rule is at <paramref name="revision"/>.</summary>
    public static RuleRevisionCondition At(long revision) => new([revision]);

    /// <summary>Whether a rule at <paramref name="revision"/> meets the condition.</summary>
    public bool IsMetBy(long revision) => Revisions.Contains(revision);
}
