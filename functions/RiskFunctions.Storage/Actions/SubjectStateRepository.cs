using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Reads the <see cref="SubjectState"/> of users, devices and IP addresses (one point read each) and lists an action
/// under each of its subjects: for a subject with a state, the index row and the updated state go in one entity
/// group transaction, conditional on the state's version, so concurrent actions of one subject on any number of
/// instances are all counted (a lost race re-reads the state and applies the action again on top of the winner).
/// Concurrent actions of one subject on this instance share transactions (<see cref="SubjectWriteLanes"/>) and reads
/// (<see cref="InFlightReads{TValue}"/>).
/// </summary>
public class SubjectStateRepository
{
    /// <summary>Attempts at one subject's write that keeps losing races with concurrent actions of the subject.</summary>
    public const int MaxAttempts = 20;

    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly TableClient _table;
    private readonly SubjectWriteLanes _lanes = new();
    private readonly InFlightReads<SubjectState> _reads = new();

    public SubjectStateRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(ActionIndexTable.ActionIndexTableName);
    }

    /// <summary>For mocking.</summary>
    protected SubjectStateRepository() => _table = null!;

    /// <summary>The subject kinds that keep a state: the ones velocity and linking signals are counted for.</summary>
    public static bool HasState(ActionSubjectKind kind) =>
        kind is ActionSubjectKind.UserId or ActionSubjectKind.DeviceId or ActionSubjectKind.IpAddress;

    /// <summary>
    /// The subject's state, <see cref="SubjectState.Empty"/> when it has none yet. Concurrent reads of one subject on
    /// this instance share one request, unless this instance finished writing the subject's state in between
    /// (<see cref="InFlightReads{TValue}"/>).
    /// </summary>
    public virtual Task<SubjectState> ReadAsync(string tenantId, ActionSubject subject, CancellationToken cancellationToken = default)
    {
        var partitionKey = ActionIndexTable.PartitionKey(tenantId, subject);
        return _reads.ReadAsync(partitionKey, () => ReadAsync(partitionKey, CancellationToken.None), cancellationToken);
    }

    private async Task<SubjectState> ReadAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, ActionIndexTable.StateRowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue ? SubjectStateEntity.FromEntity(response.Value!) : SubjectState.Empty;
    }

    /// <summary>
    /// Lists (<paramref name="labeledAt"/> given) or unlists <paramref name="userId"/> as a user of the device or address
    /// whose newest label is confirmed fraud: a merge of that list alone, conditional on the state's version (retried
    /// on a lost race), so the action path's counts are never overwritten.
    /// </summary>
    public virtual Task SetLinkedFraudAsync(
        string tenantId, ActionSubject subject, string userId, DateTimeOffset? labeledAt, CancellationToken cancellationToken = default)
    {
        var user = SubjectStateHash.Of(userId);
        return UpdateAsync(
            tenantId,
            subject,
            state =>
            {
                var next = state.WithLinkedFraudOf(user, labeledAt?.UtcTicks);
                return next.LinkedFraud.SequenceEqual(state.LinkedFraud) ? null : next;
            },
            SubjectStateEntity.ToLinkedFraudEntity,
            cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the subject's state and merges the properties <paramref name="toEntity"/>
    /// writes, conditional on the version read (an insert when the subject has no row yet); a lost race reads again.
    /// <paramref name="change"/> returns <c>null</c> when there is nothing to write. Returns the state written (or read).
    /// A label's change names its marker rows (<see cref="ReputationLabelMarkers"/>, from the state read and the next):
    /// written in the same transaction, and when they show the label was applied before, nothing is written.
    /// </summary>
    internal Task<SubjectState> UpdateAsync(
        string tenantId,
        ActionSubject subject,
        Func<SubjectState, SubjectState?> change,
        Func<string, SubjectState, TableEntity> toEntity,
        CancellationToken cancellationToken,
        Func<string, SubjectState, SubjectState, IReadOnlyList<TableTransactionAction>>? markers = null) =>
        UpdateAsync(ActionIndexTable.PartitionKey(tenantId, subject), change, toEntity, cancellationToken, markers);

    /// <summary><see cref="UpdateAsync(string, ActionSubject, Func{SubjectState, SubjectState?}, Func{string, SubjectState, TableEntity}, CancellationToken, Func{string, SubjectState, SubjectState, IReadOnlyList{TableTransactionAction}}?)"/> by the state's partition key.</summary>
    internal async Task<SubjectState> UpdateAsync(
        string partitionKey,
        Func<SubjectState, SubjectState?> change,
        Func<string, SubjectState, TableEntity> toEntity,
        CancellationToken cancellationToken,
        Func<string, SubjectState, SubjectState, IReadOnlyList<TableTransactionAction>>? markers = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = await ReadAsync(partitionKey, cancellationToken).ConfigureAwait(false);
            if (change(state) is not { } next)
            {
                return state;
            }

            var entity = toEntity(partitionKey, next);
            var write = state.ETag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, state.ETag);
            try
            {
                var written = await ReputationLabelMarkers.WriteAsync(_table, write, markers?.Invoke(partitionKey, state, next) ?? [], cancellationToken)
                    .ConfigureAwait(false);
                return written ? next : state;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                ConflictBackoff.ThrowIfLastAttempt(ex, attempt, MaxAttempts);

                // An action or another label of this subject landed first: apply the change on top of it.
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _reads.Written(partitionKey);
            }
        }
    }

    /// <summary>
    /// Lists <paramref name="action"/> under <paramref name="subjects"/> (all of its subjects when omitted), in
    /// parallel: one transaction per subject with a state (starting from <paramref name="known"/> states, read
    /// again only after a lost race; shared with this instance's other actions of the subject that arrive while one
    /// of its transactions is in flight), one upsert per other subject. Idempotent: an action already listed is
    /// counted once. The device's and the address's states learn from the user's state (first seen, fraud label):
    /// from <paramref name="known"/>, else read first (a retry of an action that was not answered).
    /// With <paramref name="deferred"/>, the user's and the device's index row and state, and the index rows of subjects
    /// without a state, are kept back there instead (<see cref="WriteDeferredAsync"/> writes them), the states starting
    /// from what is kept back for them already; only the IP address's is written now.
    /// </summary>
    public virtual async Task RecordAsync(
        StoredAction action,
        IReadOnlyDictionary<ActionSubject, SubjectState>? known = null,
        IEnumerable<ActionSubject>? subjects = null,
        CancellationToken cancellationToken = default,
        DeferredSubjectWrites? deferred = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var rowKey = ActionIndexTable.RowKey(action.OccurredAt, action.ActionToken);
        var entry = new RecentAction(
            action.OccurredAt.UtcTicks,
            SubjectStateHash.Of(action.ActionToken),
            SubjectStateHash.Of(action.SubjectUserId),
            SubjectStateHash.Of(action.DeviceId));
        var (user, userState) = await ActionUserOfAsync(action, known, deferred, cancellationToken).ConfigureAwait(false);
        if (userState is { } read && known?.ContainsKey(read.Subject) != true)
        {
            // Read here for the device's and address's sake: the user's own write starts from it too.
            known = new Dictionary<ActionSubject, SubjectState>(known ?? new Dictionary<ActionSubject, SubjectState>()) { [read.Subject] = read.State };
        }

        var writes = (subjects ?? ActionIndexRepository.SubjectsOf(action)).Select(subject =>
        {
            var index = ActionIndexTable.ToEntity(action, subject, rowKey);
            if (deferred is not null && DeferredSubjectWrites.Defers(subject.Kind))
            {
                return DeferAsync(action.TenantId, subject, index, entry, LinkOf(action, subject), action.Ip, user, known?.GetValueOrDefault(subject), deferred, cancellationToken);
            }

            if (deferred is not null && !HasState(subject.Kind))
            {
                deferred.AddIndexRow(index);
                return Task.CompletedTask;
            }

            return HasState(subject.Kind)
                ? WriteWithStateAsync(subject, index, entry, LinkOf(action, subject), action.Ip, user, known?.GetValueOrDefault(subject))
                : _table.UpsertCheckedAsync(index, TableUpdateMode.Replace, cancellationToken);
        });
        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts <paramref name="stored"/> in the place of <paramref name="listed"/>, the same request under the same token that
    /// <see cref="RecordAsync"/> listed at its own time before its run lost the insert of the action row to the run that
    /// stored <paramref name="stored"/> (two runs of one idempotency key: one stalled past its key's lease, and the retry
    /// that took the key over). Per subject, one transaction upserts the stored action's index row and deletes the other
    /// one; on a subject with a state it also moves the token's recent action to the stored action's time, conditional on
    /// the state's version (read again after a lost race). The state counted the token once whichever run's write landed
    /// first; only its time may have been the other run's. So every subject lists the action once, at its time, even
    /// when the run that stored it stopped before listing it. A read and a transaction per subject with a state, a
    /// transaction per other subject: paid by the run that lost alone.
    /// </summary>
    public virtual Task ReplaceListingAsync(StoredAction listed, StoredAction stored, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(stored);
        var listedRowKey = ActionIndexTable.RowKey(listed.OccurredAt, listed.ActionToken);
        var storedRowKey = ActionIndexTable.RowKey(stored.OccurredAt, stored.ActionToken);
        var token = SubjectStateHash.Of(stored.ActionToken);
        return Task.WhenAll(ActionIndexRepository.SubjectsOf(stored).Select(subject =>
        {
            var partitionKey = ActionIndexTable.PartitionKey(stored.TenantId, subject);
            var unlist = string.Equals(listedRowKey, storedRowKey, StringComparison.Ordinal)
                ? null
                : new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, listedRowKey), ETag.All);
            var moveTo = HasState(subject.Kind) ? stored.OccurredAt.UtcTicks : (long?)null;
            return ReplaceRowAsync(partitionKey, ActionIndexTable.ToEntity(stored, subject, storedRowKey), unlist, token, moveTo, cancellationToken);
        }));
    }

    private async Task ReplaceRowAsync(
        string partitionKey, TableEntity row, TableTransactionAction? unlist, ulong token, long? moveTo, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // The row to delete is there: the losing run wrote it, and nothing else deletes index rows.
            List<TableTransactionAction> writes = [new(TableTransactionActionType.UpsertReplace, row)];
            if (unlist is not null)
            {
                writes.Add(unlist);
            }

            if (moveTo is { } ticks)
            {
                var state = await ReadAsync(partitionKey, cancellationToken).ConfigureAwait(false);
                var moved = state.WithRecentAt(token, ticks);
                if (!ReferenceEquals(moved, state))
                {
                    writes.Add(new(TableTransactionActionType.UpdateMerge, SubjectStateEntity.ToRecentEntity(partitionKey, moved), state.ETag));
                }
            }

            try
            {
                await _table.SubmitCheckedAsync(writes, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                ConflictBackoff.ThrowIfLastAttempt(ex, attempt, MaxAttempts);

                // Another writer of this subject landed first: move the action in what it wrote.
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _reads.Written(partitionKey);
            }
        }
    }

    /// <summary>
    /// Writes what <paramref name="deferred"/> kept back: the index rows of subjects without a state in transactions per
    /// partition, then per subject with a state one entity group transaction of its index rows and its final state, conditional on the version it started from (earlier index rows, beyond a transaction's
    /// size, upserted first). A state changed meanwhile is read again and the kept-back actions applied on top of it.
    /// Idempotent, as <see cref="RecordAsync"/>.
    /// </summary>
    public virtual async Task WriteDeferredAsync(DeferredSubjectWrites deferred, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deferred);
        await Parallel.ForEachAsync(
            TableBatches.Of(deferred.TakeIndexRows()),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (rows, token) => await _table.SubmitCheckedAsync(
                rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), token).ConfigureAwait(false)).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            deferred.TakeAll(),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (pending, token) => await WriteKeptBackAsync(pending, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task WriteKeptBackAsync(DeferredSubjectWrites.Pending pending, CancellationToken cancellationToken)
    {
        var index = pending.Index.Values.ToList();
        var partitionKey = index[0].PartitionKey;
        var last = (index.Count - 1) % (TableEntityLimits.MaxTransactionActions - 1) + 1;
        foreach (var earlier in index.Take(index.Count - last).Chunk(TableEntityLimits.MaxTransactionActions))
        {
            await _table.SubmitCheckedAsync(earlier.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken)
                .ConfigureAwait(false);
        }

        await WriteSubjectAsync(partitionKey, [.. index.Skip(index.Count - last)], pending.Changes, pending.Stored, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeferAsync(
        string tenantId,
        ActionSubject subject,
        TableEntity index,
        RecentAction entry,
        string? link,
        string? address,
        ActionUser user,
        SubjectState? state,
        DeferredSubjectWrites deferred,
        CancellationToken cancellationToken)
    {
        var window = subject.Kind == ActionSubjectKind.IpAddress ? Hour : Minute;
        var stored = deferred.Current(subject) is null
            ? state ?? await ReadAsync(tenantId, subject, cancellationToken).ConfigureAwait(false)
            : SubjectState.Empty;
        deferred.Add(subject, stored, index, current => current.With(entry, window, link, user, subject.Kind, address));
    }

    /// <summary>What the device's and address's states learn about the action's user, and the user's state it came from.</summary>
    private async Task<(ActionUser User, (ActionSubject Subject, SubjectState State)? Read)> ActionUserOfAsync(
        StoredAction action, IReadOnlyDictionary<ActionSubject, SubjectState>? known, DeferredSubjectWrites? deferred, CancellationToken cancellationToken)
    {
        if (action.SubjectUserId is not { Length: > 0 } userId)
        {
            return (default, null);
        }

        var subject = new ActionSubject(ActionSubjectKind.UserId, userId);
        var state = known?.GetValueOrDefault(subject)
            ?? deferred?.Current(subject)
            ?? await ReadAsync(action.TenantId, subject, cancellationToken).ConfigureAwait(false);
        var reputation = state.Reputation;
        var user = new ActionUser(
            SubjectStateHash.Of(userId),
            state.FirstSeenFor(action.OccurredAt.UtcTicks),
            reputation.Standing == ReputationStanding.ConfirmedFraud ? reputation.LabeledAt?.UtcTicks : null);
        return (user, (subject, state));
    }

    private Task WriteWithStateAsync(
        ActionSubject subject,
        TableEntity index,
        RecentAction entry,
        string? link,
        string? address,
        ActionUser user,
        SubjectState? state)
    {
        var window = subject.Kind == ActionSubjectKind.IpAddress ? Hour : Minute;
        var write = new PendingSubjectWrite(index, current => current.With(entry, window, link, user, subject.Kind, address), state);
        return _lanes.WriteAsync(index.PartitionKey, write, (batch, startFrom) => WriteBatchAsync(index.PartitionKey, batch, startFrom));
    }

    /// <summary>One transaction of a combined batch: its actions' index rows and their changes to the state.</summary>
    private Task<SubjectState?> WriteBatchAsync(string partitionKey, IReadOnlyList<PendingSubjectWrite> batch, SubjectState? startFrom) =>
        WriteSubjectAsync(
            partitionKey,

            // The same action twice (a retry racing its original) is one index row; its change counts it once anyway.
            [.. batch.DistinctBy(write => write.Index.RowKey, StringComparer.Ordinal).Select(write => write.Index)],
            [.. batch.Select(write => write.Change)],
            startFrom ?? batch[0].Known,

            // Not one request's token: the batch holds other requests' actions too. Each call is bounded by the client's timeout.
            CancellationToken.None);

    /// <summary>
    /// One entity group transaction of a subject: <paramref name="rows"/> (its index rows) and its state with
    /// <paramref name="changes"/> applied, conditional on the version of the state it starts from (<paramref name="start"/>,
    /// read when <c>null</c>); a lost race reads the state again and applies the changes on top of it. Returns the state
    /// written, with its new version when the answer gave it.
    /// </summary>
    private async Task<SubjectState?> WriteSubjectAsync(
        string partitionKey,
        IReadOnlyList<TableEntity> rows,
        IReadOnlyList<Func<SubjectState, SubjectState>> changes,
        SubjectState? start,
        CancellationToken cancellationToken)
    {
        List<TableTransactionAction> indexWrites = [.. rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))];
        var state = start;
        for (var attempt = 1; ; attempt++)
        {
            state ??= await ReadAsync(partitionKey, cancellationToken).ConfigureAwait(false);
            var next = changes.Aggregate(state, (current, change) => change(current));
            var stateEntity = SubjectStateEntity.ToActionEntity(partitionKey, next);

            // A merge: the reputation label propagation keeps in the row is not the action's to write.
            TableTransactionAction stateWrite = state.ETag == default
                ? new(TableTransactionActionType.Add, stateEntity)
                : new(TableTransactionActionType.UpdateMerge, stateEntity, state.ETag);
            try
            {
                var answers = await _table.SubmitCheckedAsync([.. indexWrites, stateWrite], cancellationToken).ConfigureAwait(false);
                return answers.Value.Count == indexWrites.Count + 1 && answers.Value[^1].Headers.ETag is { } version ? next with { ETag = version } : null;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                ConflictBackoff.ThrowIfLastAttempt(ex, attempt, MaxAttempts);

                // Another writer of this subject landed first: apply the changes on top of what it wrote.
                state = null;
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _reads.Written(partitionKey);
            }
        }
    }

    /// <summary>The value a subject's state links: a user's device, a device's user.</summary>
    private static string? LinkOf(StoredAction action, ActionSubject subject) => subject.Kind switch
    {
        ActionSubjectKind.UserId when action.DeviceId is not null => action.DeviceId,
        ActionSubjectKind.DeviceId when action.SubjectUserId is not null => action.SubjectUserId,
        _ => null,
    };
}
