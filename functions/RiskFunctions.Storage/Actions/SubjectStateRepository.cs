using Azure;
using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Reads the <see cref="SubjectState"/> of users, devices and IP addresses (one point read each) and lists an action
/// under each of its subjects: for a subject with a state, the index row and the updated state go in one entity
/// group transaction, conditional on the state's version, so concurrent actions of one subject on any number of
/// instances are all counted (a lost race re-reads the state and applies the action again on top of the winner).
/// </summary>
public class SubjectStateRepository
{
    /// <summary>Attempts at one subject's write that keeps losing races with concurrent actions of the subject.</summary>
    public const int MaxAttempts = 20;

    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly TableClient _table;

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

    /// <summary>The subject's state, <see cref="SubjectState.Empty"/> when it has none yet.</summary>
    public virtual async Task<SubjectState> ReadAsync(string tenantId, ActionSubject subject, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            ActionIndexTable.PartitionKey(tenantId, subject), ActionIndexTable.StateRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ActionIndexTable.FromStateEntity(response.Value!) : SubjectState.Empty;
    }

    /// <summary>
    /// Lists <paramref name="action"/> under <paramref name="subjects"/> (all of its subjects when omitted), in
    /// parallel: one transaction per subject with a state (starting from <paramref name="known"/> states, read
    /// again only after a lost race), one upsert per other subject. Idempotent: an action already listed is
    /// counted once.
    /// </summary>
    public virtual Task RecordAsync(
        StoredAction action,
        IReadOnlyDictionary<ActionSubject, SubjectState>? known = null,
        IEnumerable<ActionSubject>? subjects = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var rowKey = ActionIndexTable.RowKey(action.OccurredAt, action.ActionToken);
        var entry = new RecentAction(
            action.OccurredAt.UtcTicks,
            SubjectStateHash.Of(action.ActionToken),
            SubjectStateHash.Of(action.SubjectUserId),
            SubjectStateHash.Of(action.DeviceId));
        var writes = (subjects ?? ActionIndexRepository.SubjectsOf(action)).Select(subject =>
        {
            var index = ActionIndexTable.ToEntity(action, subject, rowKey);
            return HasState(subject.Kind)
                ? WriteWithStateAsync(action.TenantId, subject, index, entry, LinkOf(action, subject), known?.GetValueOrDefault(subject), cancellationToken)
                : _table.UpsertCheckedAsync(index, TableUpdateMode.Replace, cancellationToken);
        });
        return Task.WhenAll(writes);
    }

    private async Task WriteWithStateAsync(
        string tenantId, ActionSubject subject, TableEntity index, RecentAction entry, string? link, SubjectState? state, CancellationToken cancellationToken)
    {
        var window = subject.Kind == ActionSubjectKind.IpAddress ? Hour : Minute;
        for (var attempt = 1; ; attempt++)
        {
            state ??= await ReadAsync(tenantId, subject, cancellationToken).ConfigureAwait(false);
            var next = state.With(entry, window, link);
            var stateEntity = ActionIndexTable.ToStateEntity(index.PartitionKey, next);
            TableTransactionAction stateWrite = state.ETag == default
                ? new(TableTransactionActionType.Add, stateEntity)
                : new(TableTransactionActionType.UpdateReplace, stateEntity, state.ETag);
            try
            {
                await _table.SubmitCheckedAsync([new TableTransactionAction(TableTransactionActionType.UpsertReplace, index), stateWrite], cancellationToken)
                    .ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another action of this subject landed first: apply this one on top of it.
                state = null;
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
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
