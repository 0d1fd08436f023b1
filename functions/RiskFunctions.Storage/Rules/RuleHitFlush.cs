using System.Security.Cryptography;

namespace RiskFunctions.Storage.Rules;

/// <summary>
/// One batch of a rule's hit counts as one writer (a process) sends it to <see cref="RuleHitStore.AddAsync"/>. The
/// batch keeps its <see cref="FlushId"/> on every retry until the store acknowledged it, and the writer sends its
/// next batch of the rule only then, under a new id: so the store can tell a retry of a batch it already added
/// (whose answer was lost) from new counts.
/// </summary>
/// <param name="WriterId">The sending process, the same for all its batches: letters and digits only.</param>
/// <param name="FlushId">This batch, the same on each of its retries.</param>
/// <param name="Counts">What the batch adds.</param>
public sealed record RuleHitFlush(string WriterId, string FlushId, RuleHitCounts Counts)
{
    /// <summary>A new random id (16 hex digits) for a writer or a batch.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The next batch of <paramref name="writerId"/>: <paramref name="counts"/> under a new flush id.</summary>
    public static RuleHitFlush Start(string writerId, RuleHitCounts counts) => new(writerId, NewId(), counts);
}
