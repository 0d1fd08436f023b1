using Azure;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// What the signals need to know about one subject (user, device or IP address), kept in one row of the subject's
/// action-index partition: its recent actions (time, and the user and device each was seen with) and the set of
/// devices a user was seen with or users a device was seen with. One point read answers the subject's velocity
/// and linking signals; the row is written in one transaction with the subject's index row.
/// </summary>
/// <remarks>
/// Values are stored as 64-bit hashes (<see cref="SubjectStateHash"/>), so the row stays small whatever the
/// identifiers are; a collision could only merge two values in a count, never across tenants or subjects.
/// </remarks>
public sealed class SubjectState
{
    /// <summary>Most recent actions kept (counts saturate here, far above every scoring threshold).</summary>
    public const int MaxRecent = 1000;

    /// <summary>Most linked values kept (counts saturate here).</summary>
    public const int MaxLinks = 1000;

    /// <summary>An empty state of a subject that has no row yet.</summary>
    public static SubjectState Empty { get; } = new([], [], default);

    internal SubjectState(IReadOnlyList<RecentAction> recent, IReadOnlyList<ulong> links, ETag etag)
    {
        Recent = recent;
        Links = links;
        ETag = etag;
    }

    /// <summary>The subject's recent actions, oldest first, within the window its kind keeps.</summary>
    public IReadOnlyList<RecentAction> Recent { get; }

    /// <summary>Hashes of the linked values (devices of a user, users of a device), ascending.</summary>
    public IReadOnlyList<ulong> Links { get; }

    /// <summary>The row's version, <c>default</c> when the subject has no row yet.</summary>
    public ETag ETag { get; }

    /// <summary>Actions with <c>from ≤ occurred &lt; to</c>.</summary>
    public IEnumerable<RecentAction> Between(DateTimeOffset from, DateTimeOffset to)
    {
        var (start, end) = (from.UtcTicks, to.UtcTicks);
        return Recent.Where(action => action.Ticks >= start && action.Ticks < end);
    }

    /// <summary>Distinct linked values, counting <paramref name="including"/> too when given.</summary>
    public int CountLinks(string? including)
    {
        if (including is null)
        {
            return Math.Min(MaxLinks, Links.Count);
        }

        var hash = SubjectStateHash.Of(including);
        var count = Links.Count + (Contains(Links, hash) ? 0 : 1);
        return Math.Min(MaxLinks, count);
    }

    /// <summary>
    /// This state with the action added (unless it is already listed: writing an action twice counts it once),
    /// actions older than <paramref name="window"/> before the newest dropped, and <paramref name="link"/> linked.
    /// </summary>
    internal SubjectState With(RecentAction action, TimeSpan window, string? link)
    {
        var recent = Recent;
        if (!recent.Any(existing => existing.Token == action.Token))
        {
            var newest = Math.Max(action.Ticks, recent.Count == 0 ? long.MinValue : recent[^1].Ticks);
            var oldest = newest - window.Ticks;
            var kept = recent.Where(existing => existing.Ticks >= oldest).Append(action).OrderBy(existing => existing.Ticks).ToList();
            recent = kept.Count > MaxRecent ? kept[^MaxRecent..] : kept;
        }

        var links = Links;
        if (link is not null && links.Count < MaxLinks && !Contains(links, SubjectStateHash.Of(link)))
        {
            links = [.. links.Append(SubjectStateHash.Of(link)).Order()];
        }

        return ReferenceEquals(recent, Recent) && ReferenceEquals(links, Links) ? this : new SubjectState(recent, links, ETag);
    }

    private static bool Contains(IReadOnlyList<ulong> sorted, ulong hash) =>
        sorted is List<ulong> list ? list.BinarySearch(hash) >= 0 : sorted.Contains(hash);
}

/// <summary>One action in a <see cref="SubjectState"/>: when, which action, and the hashes of its user and device (0: none).</summary>
/// <param name="Ticks">UTC ticks of the action's time.</param>
/// <param name="Token">Hash of the action token (an action is listed once).</param>
/// <param name="User">Hash of the action's user, 0 when it had none.</param>
/// <param name="Device">Hash of the action's device id, 0 when it had none.</param>
public readonly record struct RecentAction(long Ticks, ulong Token, ulong User, ulong Device);
