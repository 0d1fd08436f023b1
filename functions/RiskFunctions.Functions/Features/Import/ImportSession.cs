using System.Collections.Concurrent;
using RiskFunctions.Domain.Activity;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Activity;
using RiskFunctions.Storage.Profiles;

namespace RiskFunctions.Functions.Features.Import;

/// <summary>
/// What the groups of one import segment know without reading it again, and the writes they leave to the segment's end.
/// Within a segment (the lines between two labels) a group alone writes its user's and device's rows, so the group's
/// next line can start from what its previous line read or wrote: the user's profile (with its row's version), and
/// the user's and device's subject states with their index rows, kept back (<see cref="DeferredSubjectWrites"/>) and
/// written once per subject when the segment ends, conditional on the version first read (a state changed by anyone
/// else is read again and the segment's actions applied on top of it). An IP address's state is shared by the groups
/// and written by each action, as without the session. The fingerprint's and public key's reputation, which only label
/// propagation writes, is read once per segment. The action rows and recent-activity rows are kept back too (an
/// action's result in the same segment goes into its row) and written by <see cref="FlushAsync"/> in transactions,
/// after the subject states and index rows: the action row stays the commit point. <see cref="FlushAsync"/> also
/// forgets everything: label propagation, between segments, changes states, reputation and actions. Thread-safe.
/// </summary>
internal sealed class ImportSession(
    string tenantId, ActionRepository actions, SubjectStateRepository states, ActivityFeed activity, BoundActionLabels boundLabels, TimeProvider time)
{
    /// <summary>Bound actions given their user's label at once.</summary>
    private const int LabelingConcurrency = 8;

    private readonly ConcurrentDictionary<string, ProfileSnapshot> _profiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingAction> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string?, string?), Task<ReputationSnapshot>> _keyReputation = new();
    private readonly ConcurrentDictionary<string, (StoredAction Action, string UserId)> _bound = new(StringComparer.Ordinal);

    public string TenantId { get; } = tenantId;

    /// <summary>The user's and device's index rows and states kept back until the segment ends.</summary>
    public DeferredSubjectWrites SubjectWrites { get; } = new();

    /// <summary>The subject's state with the segment's kept-back actions, if it has any.</summary>
    public SubjectState? KnownState(ActionSubject subject) => SubjectWrites.Current(subject);

    /// <summary>The reputation of a fingerprint and public key, read once per segment (only label propagation writes it).</summary>
    public Task<ReputationSnapshot> KeyReputationAsync(string? fingerprint, string? publicKey, Func<Task<ReputationSnapshot>> read)
    {
        var key = (fingerprint, publicKey);
        var reading = _keyReputation.GetOrAdd(key, _ => read());
        if (reading.IsFaulted || reading.IsCanceled)
        {
            // A failed read is not kept: the next line reads again.
            _keyReputation.TryRemove(KeyValuePair.Create(key, reading));
            reading = _keyReputation.GetOrAdd(key, _ => read());
        }

        return reading;
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
    public void Defer(StoredAction action, ActivityRecord record) => _pending[action.ActionToken] = new PendingAction(action, record);

    /// <summary>The action kept back under <paramref name="actionToken"/>, if it is.</summary>
    public StoredAction? Pending(string actionToken) => _pending.GetValueOrDefault(actionToken)?.Action;

    /// <summary>
    /// Notes that a result bound <paramref name="action"/> to <paramref name="userId"/>: once its listing under the user is
    /// written, it gets the user's label if the user was labeled before (<see cref="BoundActionLabels"/>).
    /// </summary>
    public void Bound(StoredAction action, string userId) => _bound[action.ActionToken] = (action, userId);

    /// <summary>Replaces the kept-back action by <paramref name="updated"/>, which a result changed (its recent-activity row gets the result too).</summary>
    public void ResultRecorded(StoredAction updated)
    {
        var pending = _pending[updated.ActionToken];
        _pending[updated.ActionToken] = new PendingAction(updated, pending.Activity with { Result = updated.Result });
    }

    /// <summary>
    /// Writes the kept-back rows (actions, then the recent activity of those that were new, in transactions per
    /// partition) and forgets what the segment knew. Returns the tokens of the kept-back actions that were stored already
    /// (by a concurrent post of the same refs since their lines looked for them: the stored ones stand), for the caller
    /// to record the segment's results of those actions on the stored rows. Their recent-activity rows are the other
    /// post's and not written again: a replace would erase what ring and campaign maintenance and later results put
    /// there, and maintenance would take the actions in a second time.
    /// </summary>
    public async Task<IReadOnlyCollection<string>> FlushAsync(CancellationToken cancellationToken)
    {
        var pending = _pending.Values.ToList();
        var bound = _bound.Values.ToList();
        _pending.Clear();
        _bound.Clear();
        _profiles.Clear();
        _keyReputation.Clear();
        await states.WriteDeferredAsync(SubjectWrites, cancellationToken);
        if (pending.Count == 0)
        {
            await LabelBoundAsync(bound, cancellationToken);
            return [];
        }

        // One kind after the other, a few transactions at a time: a busy storage emulator serves one request at a time, and
        // the last of a burst of large transactions would wait past its storage timeout.
        var existing = (await actions.AddAllAsync([.. pending.Select(p => p.Action)], cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var added = pending.Where(p => !existing.Contains(p.Action.ActionToken));
        await activity.AppendAllAsync(TenantId, added.Select(p => p.Activity), time.GetUtcNow(), cancellationToken);

        // An action a concurrent post stored stands as that post stored it: its results, recorded on it by the caller, bind it.
        await LabelBoundAsync([.. bound.Where(b => !existing.Contains(b.Action.ActionToken))], cancellationToken);
        return existing;
    }

    /// <summary>After the listing and the action rows are written: a label the user had before reaches its bound actions.</summary>
    private Task LabelBoundAsync(IReadOnlyList<(StoredAction Action, string UserId)> bound, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            bound,
            new ParallelOptions { MaxDegreeOfParallelism = LabelingConcurrency, CancellationToken = cancellationToken },
            async (binding, token) => await boundLabels.ApplyAsync(binding.Action, binding.UserId, token));

    private sealed record PendingAction(StoredAction Action, ActivityRecord Activity);
}
