using Azure;

namespace RiskFunctions.Storage.Rules;

/// <summary>
/// A tenant's rule-set version row: bumped in the same transaction as every rule change, so comparing it is how
/// an instance learns that its compiled rules are stale. It also keeps the tenant-wide counts the limits need.
/// </summary>
/// <param name="Version">0 before the tenant's first rule, then +1 per change.</param>
/// <param name="RuleCount">Rules the tenant holds.</param>
/// <param name="ValueCount">Matcher values summed over those rules.</param>
/// <param name="ETag">The row's version; <c>default</c> when the row does not exist yet.</param>
public sealed record RuleSetVersion(long Version, int RuleCount, int ValueCount, ETag ETag)
{
    public static RuleSetVersion None { get; } = new(0, 0, 0, default);

    internal bool Exists => ETag != default;
}
