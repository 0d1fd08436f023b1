using System.Collections.Concurrent;
using RiskFunctions.Domain.Activity;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Activity;
using RiskFunctions.Storage.Profiles;

namespace RiskFunctions.Functions.Features.Import;

/// <summary>
/// What the groups of one import segment know without reading it again, and the rows they leave to the segment's end.
/// Within a segment (the lines between two labels) a group alone writes its user's and device's rows, so the group's
/// next line can start from what its previous line read or wrote: the user's profile (with the summary's version), the
/// user's and device's subject states (with theirs; never an IP address's, which other groups write too). Every write
/// stays conditional on those versions, so a row changed by anyone else fails the write and is read again, as without
/// the session. The segment's action rows and recent-activity rows are kept back (an action's result in the same
/// segment goes into its row) and written by <see cref="FlushAsync"/> in transactions, after the subject states and
/// index rows of their actions: the action row stays the commit point. <see cref="FlushAsync"/> also forgets
/// everything: label propagation, between segments, changes states, reputation and actions. Thread-safe.
/// </summary>
internal sealed class ImportSession(string tenantId, ActionRepository actions, ActivityFeed activity, TimeProvider time)
{
    private readonly ConcurrentDictionary<ActionSubject, SubjectState> _states = new();
    private readonly ConcurrentDictionary<string, ProfileSnapshot> _profiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingAction> _pending = new(StringComparer.Ordinal);

    public string TenantId { get; } = tenantId;

    /// <summary>The subject's state as this session last read or wrote it, if it owns the subject.</summary>
    public SubjectState? KnownState(ActionSubject subject) => _states.GetValueOrDefault(subject);

    /// <summary>Keeps a state just written (a user's or device's; an IP address is written by other groups too).</summary>
    public void StateWritten(ActionSubject subject, SubjectState state)
    {
        if (subject.Kind is ActionSubjectKind.UserId or ActionSubjectKind.DeviceId)
        {
            _states[subject] = state;
        }
    }

    /// <summary>The user's profile as this session last read or fed it.</summary>
    public ProfileSnapshot? Profile(string userId) => _profiles.GetValueOrDefault(userId);

    /// <summary>Keeps the user's profile as read or fed; <c>null</c> forgets it (its new version is not known).</summary>
    public void ProfileKnown(string userId, ProfileSnapshot? profile)
    {
        if (profile is null)
        {
            _profiles.TryRemove(userId, out _);
        }
        else
        {
            _profiles[userId] = profile;
        }
    }

    /// <summary>Keeps the action's row and recent-activity row back until the segment ends.</summary>
    public void Defer(StoredAction action, ActivityRecord record) => _pending[action.ActionToken] = new PendingAction(action, record, []);

    /// <summary>The action kept back under <paramref name="actionToken"/>, if it is.</summary>
    public StoredAction? Pending(string actionToken) => _pending.GetValueOrDefault(actionToken)?.Action;

    /// <summary>Replaces the kept-back action by <paramref name="updated"/>, with the result that changed it (its recent-activity row gets the result too).</summary>
    public void ResultRecorded(StoredAction updated, ActionResultRequest request, DateTimeOffset reportedAt)
    {
        var pending = _pending[updated.ActionToken];
        _pending[updated.ActionToken] = new PendingAction(
            updated, pending.Activity with { Result = updated.Result }, [.. pending.Results, new PendingResult(request, reportedAt)]);
    }

    /// <summary>
    /// Writes the kept-back rows (recent activity and actions at once, in transactions per partition) and forgets what
    /// the segment knew. Returns the kept-back actions that were stored already (a batch posted again: the stored ones
    /// stand), with the results recorded on them here, for the caller to record on the stored rows.
    /// </summary>
    public async Task<IReadOnlyList<(StoredAction Action, IReadOnlyList<PendingResult> Results)>> FlushAsync(CancellationToken cancellationToken)
    {
        var pending = _pending.Values.ToList();
        _pending.Clear();
        _states.Clear();
        _profiles.Clear();
        if (pending.Count == 0)
        {
            return [];
        }

        var appending = activity.AppendAllAsync(TenantId, pending.Select(p => p.Activity), time.GetUtcNow(), cancellationToken);
        var adding = actions.AddAllAsync([.. pending.Select(p => p.Action)], cancellationToken);
        await Task.WhenAll(appending, adding);
        var existing = (await adding).ToHashSet(StringComparer.Ordinal);
        return [.. pending.Where(p => existing.Contains(p.Action.ActionToken)).Select(p => (p.Action, p.Results))];
    }

    private sealed record PendingAction(StoredAction Action, ActivityRecord Activity, IReadOnlyList<PendingResult> Results);
}

/// <summary>A result recorded on an action kept back by <see cref="ImportSession"/>.</summary>
internal sealed record PendingResult(ActionResultRequest Request, DateTimeOffset ReportedAt);
