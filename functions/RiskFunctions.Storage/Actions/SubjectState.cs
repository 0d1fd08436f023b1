using Azure;
using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// What the signals need to know about one subject (user, device or IP address), kept in one row of the subject's
/// action-index partition: its recent actions (time, and the user and device each was seen with), the set of
/// devices a user was seen with or users a device was seen with, its label-driven reputation, and for a user when
/// it was first seen; for a device or an address the accounts first seen within the hour that used it and the users
/// labeled fraud that used it; for a user, the devices and addresses it acted from, by value (<see cref="Reach"/>). One
/// point read answers the subject's velocity, linking and reputation signals; the row is written in one transaction
/// with the subject's index row.
/// </summary>
/// <remarks>
/// Values are stored as 64-bit hashes (<see cref="SubjectStateHash"/>), so the row stays small whatever the
/// identifiers are; a collision could only merge two values in a count, never across tenants or subjects.
/// </remarks>
public sealed record SubjectState
{
    /// <summary>Most recent actions kept (counts saturate here, far above every scoring threshold).</summary>
    /// <remarks>
    /// At 32 bytes an action, 990 keep the base64 text the Azure SDK builds for the stored list (4 characters per 3 bytes,
    /// 2 bytes a character) below the 85,000 bytes of the large object heap: at 1,000 it crossed it, and every read of a
    /// busy address's state cost twice as much CPU and brought full collections (bench/results/actions.md, run 11).
    /// </remarks>
    public const int MaxRecent = 990;

    /// <summary>Most linked values kept (counts saturate here).</summary>
    public const int MaxLinks = 1000;

    /// <summary>Most new accounts kept (the most recently active; counts saturate here).</summary>
    public const int MaxNewUsers = 200;

    /// <summary>Most fraud-labeled users kept (the most recently labeled).</summary>
    public const int MaxLinkedFraud = 200;

    /// <summary>Most devices and addresses a user's <see cref="Reach"/> names; past it the user's index names them.</summary>
    public const int MaxReach = 32;

    /// <summary>How long an account counts as new, and how long its use of a device or address is remembered.</summary>
    public static readonly TimeSpan NewAccountWindow = TimeSpan.FromHours(1);

    /// <summary>An empty state of a subject that has no row yet.</summary>
    public static SubjectState Empty { get; } = new();

    /// <summary>The subject's recent actions, oldest first, within the window its kind keeps.</summary>
    public IReadOnlyList<RecentAction> Recent { get; internal init; } = [];

    /// <summary>Hashes of the linked values (devices of a user, users of a device), ascending.</summary>
    public IReadOnlyList<ulong> Links { get; internal init; } = [];

    /// <summary>A user's first action (UTC ticks); <c>null</c> when the row does not say (see <see cref="FirstSeenFor"/>).</summary>
    public long? FirstSeenTicks { get; internal init; }

    /// <summary>A device's or address's accounts first seen within <see cref="NewAccountWindow"/> of using it, by last use.</summary>
    public IReadOnlyList<NewAccount> NewAccounts { get; internal init; } = [];

    /// <summary>A device's or address's users whose newest label is confirmed fraud, with that label's time.</summary>
    public IReadOnlyList<LinkedFraudUser> LinkedFraud { get; internal init; } = [];

    /// <summary>
    /// A user's devices and addresses, by value: where its fraud label is carried without reading its index. <c>null</c>
    /// for a row written before the list was kept (and for devices and addresses).
    /// </summary>
    public UserReach? Reach { get; internal init; }

    /// <summary>The subject's label-driven reputation (written by label propagation).</summary>
    public EntityReputation Reputation { get; internal init; } = EntityReputation.Clean;

    /// <summary>The row's version, <c>default</c> when the subject has no row yet.</summary>
    public ETag ETag { get; internal init; }

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
    /// When the user was first seen, for an action of it at <paramref name="actionTicks"/>: the recorded time; for a
    /// user without one, this action when the user has no action yet, else "long ago" (a user recorded before first
    /// times were kept is not new).
    /// </summary>
    public long FirstSeenFor(long actionTicks) =>
        FirstSeenTicks is { } first ? Math.Min(first, actionTicks)
        : Recent.Count == 0 && Links.Count == 0 ? actionTicks
        : long.MinValue;

    /// <summary>
    /// This state with the action added (unless it is already listed: writing an action twice counts it once),
    /// actions older than <paramref name="window"/> before the newest dropped, and what the action says about its
    /// user recorded: the link, on a user its device and <paramref name="address"/> in its reach, and on a device or
    /// address the user as a new account or a fraud-labeled one.
    /// </summary>
    internal SubjectState With(RecentAction action, TimeSpan window, string? link, ActionUser user, ActionSubjectKind kind, string? address = null)
    {
        var recent = WithRecent(Recent, action, window);
        var links = link is null ? Links : WithLink(SubjectStateHash.Of(link)).Links;

        return kind switch
        {
            ActionSubjectKind.UserId => this with
            {
                Recent = recent,
                Links = links,
                FirstSeenTicks = FirstSeenFor(action.Ticks),

                // A user's first row starts the list, so it names every device and address; an older row never knew them.
                Reach = (Reach ?? (ETag == default ? UserReach.None : null))?.With(link, address),
            },
            _ when user.Hash == 0 => this with { Recent = recent, Links = links },
            _ => this with
            {
                Recent = recent,
                Links = links,
                NewAccounts = WithNewAccount(action.Ticks, user),
                LinkedFraud = user.FraudLabeledAtTicks is { } labeled ? WithLinkedFraud(user.Hash, labeled) : LinkedFraud,
            },
        };
    }

    /// <summary>This state with <paramref name="hash"/> linked (this very state when it is already, or the links are full).</summary>
    internal SubjectState WithLink(ulong hash)
    {
        if (Links.Count >= MaxLinks)
        {
            return this;
        }

        // Links are kept ascending: one binary search finds both whether the hash is there and where it goes.
        var links = Links as List<ulong> ?? [.. Links.Order()];
        var at = links.BinarySearch(hash);
        if (at >= 0)
        {
            return this;
        }

        var linked = new List<ulong>(links.Count + 1);
        linked.AddRange(links);
        linked.Insert(~at, hash);
        return this with { Links = linked };
    }

    /// <summary>
    /// <paramref name="recent"/> with <paramref name="action"/> (unless listed), actions older than
    /// <paramref name="window"/> before the newest dropped, at most <see cref="MaxRecent"/> (the newest), oldest first.
    /// The list is kept in time order, so this is one pass over it, not a sort: it runs on every action, on up to
    /// <see cref="MaxRecent"/> entries.
    /// </summary>
    private static IReadOnlyList<RecentAction> WithRecent(IReadOnlyList<RecentAction> recent, RecentAction action, TimeSpan window)
    {
        var ordered = true;
        for (var i = 0; i < recent.Count; i++)
        {
            if (recent[i].Token == action.Token)
            {
                return recent;
            }

            ordered &= i == 0 || recent[i - 1].Ticks <= recent[i].Ticks;
        }

        var newest = Math.Max(action.Ticks, recent.Count == 0 ? long.MinValue : recent[^1].Ticks);
        var oldest = newest - window.Ticks;
        if (!ordered)
        {
            // Not written by this type (it keeps the list ordered): sort it as well.
            var sorted = recent.Where(existing => existing.Ticks >= oldest).Append(action).OrderBy(existing => existing.Ticks).ToList();
            return sorted.Count > MaxRecent ? sorted[^MaxRecent..] : sorted;
        }

        // Kept: from the first action within the window; the new one goes after every action of its time or earlier.
        var start = 0;
        while (start < recent.Count && recent[start].Ticks < oldest)
        {
            start++;
        }

        var insert = recent.Count;
        while (insert > start && recent[insert - 1].Ticks > action.Ticks)
        {
            insert--;
        }

        var kept = new List<RecentAction>(Math.Min(MaxRecent, recent.Count - start + 1));
        var skip = Math.Max(0, recent.Count - start + 1 - MaxRecent);
        for (var i = start; i <= recent.Count; i++)
        {
            var next = i < insert ? recent[i] : i == insert ? action : recent[i - 1];
            if (skip > 0)
            {
                skip--;
            }
            else
            {
                kept.Add(next);
            }
        }

        return kept;
    }

    /// <summary>
    /// This state with the action whose token hashes to <paramref name="token"/> listed at <paramref name="ticks"/> instead
    /// of the time it is listed at, in time order (this very state when it is not listed, or listed at that time): two runs
    /// of one action token each wrote their own time, the first write to land was listed, and the other run's time is the
    /// stored action's.
    /// </summary>
    internal SubjectState WithRecentAt(ulong token, long ticks)
    {
        var at = 0;
        while (at < Recent.Count && Recent[at].Token != token)
        {
            at++;
        }

        if (at == Recent.Count || Recent[at].Ticks == ticks)
        {
            return this;
        }

        var recent = new List<RecentAction>(Recent);
        var moved = recent[at] with { Ticks = ticks };
        recent.RemoveAt(at);
        var insert = recent.Count;
        while (insert > 0 && recent[insert - 1].Ticks > ticks)
        {
            insert--;
        }

        recent.Insert(insert, moved);
        return this with { Recent = recent };
    }

    /// <summary>This state with <paramref name="user"/> listed as labeled fraud at <paramref name="labeledAtTicks"/>, or unlisted (<c>null</c>).</summary>
    internal SubjectState WithLinkedFraudOf(ulong user, long? labeledAtTicks) =>
        labeledAtTicks is { } labeled
            ? this with { LinkedFraud = WithLinkedFraud(user, labeled) }
            : this with { LinkedFraud = [.. LinkedFraud.Where(entry => entry.User != user)] };

    private IReadOnlyList<NewAccount> WithNewAccount(long ticks, ActionUser user)
    {
        var newest = Math.Max(ticks, NewAccounts.Count == 0 ? long.MinValue : NewAccounts.Max(entry => entry.LastTicks));
        var oldest = newest - NewAccountWindow.Ticks;
        var kept = NewAccounts.Where(entry => entry.User != user.Hash && entry.FirstSeenTicks >= oldest).ToList();
        var previous = NewAccounts.FirstOrDefault(entry => entry.User == user.Hash);
        if (user.FirstSeenTicks >= ticks - NewAccountWindow.Ticks)
        {
            kept.Add(new NewAccount(user.Hash, user.FirstSeenTicks, Math.Max(ticks, previous.LastTicks)));
        }

        return [.. kept.OrderByDescending(entry => entry.LastTicks).Take(MaxNewUsers)];
    }

    private IReadOnlyList<LinkedFraudUser> WithLinkedFraud(ulong user, long labeledAtTicks)
    {
        if (LinkedFraud.Any(entry => entry.User == user && entry.LabeledAtTicks == labeledAtTicks))
        {
            return LinkedFraud;
        }

        return [.. LinkedFraud.Where(entry => entry.User != user)
            .Append(new LinkedFraudUser(user, labeledAtTicks))
            .OrderByDescending(entry => entry.LabeledAtTicks)
            .Take(MaxLinkedFraud)];
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

/// <summary>An account first seen at <paramref name="FirstSeenTicks"/> that used a device or address, last at <paramref name="LastTicks"/>.</summary>
/// <param name="User">Hash of the user.</param>
/// <param name="FirstSeenTicks">The user's first action (UTC ticks).</param>
/// <param name="LastTicks">The user's last action on the device or address (UTC ticks).</param>
public readonly record struct NewAccount(ulong User, long FirstSeenTicks, long LastTicks);

/// <summary>A user of a device or address whose newest label, given at <paramref name="LabeledAtTicks"/>, is confirmed fraud.</summary>
/// <param name="User">Hash of the user.</param>
/// <param name="LabeledAtTicks">The label's time (UTC ticks).</param>
public readonly record struct LinkedFraudUser(ulong User, long LabeledAtTicks);

/// <summary>What a device's or address's state learns about the acting user: who, when first seen, and whether labeled fraud.</summary>
/// <param name="Hash">Hash of the user, 0 when the action has none.</param>
/// <param name="FirstSeenTicks">The user's first action (UTC ticks).</param>
/// <param name="FraudLabeledAtTicks">When the user's newest label, confirmed fraud, was given; <c>null</c> when it is not.</param>
internal readonly record struct ActionUser(ulong Hash, long FirstSeenTicks, long? FraudLabeledAtTicks);
