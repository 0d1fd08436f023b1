using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// The action index: every action is listed once under each of its subjects (user, IP, device, correlation
/// id, verification session, ...). Rows sort newest first, so recent activity is a short range scan; used
/// for velocity signals and to find the actions a label affects.
/// </summary>
/// <remarks>
/// Partition: tenant + subject kind + subject value; row: inverted time + action token. IP addresses are
/// indexed in canonical form, so any spelling of an address finds the same actions.
/// </remarks>
public class ActionIndexRepository
{
    /// <summary>Largest page <see cref="QueryPageAsync"/> returns.</summary>
    public const int MaxPageSize = 1000;

    private readonly TableClient _table;

    public ActionIndexRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(ActionIndexTable.ActionIndexTableName);
    }

    /// <summary>For mocking.</summary>
    protected ActionIndexRepository() => _table = null!;

    /// <summary>The subjects an action is indexed under.</summary>
    public static IReadOnlyList<ActionSubject> SubjectsOf(StoredAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var subjects = new List<ActionSubject>(8);
        Add(subjects, ActionSubjectKind.UserId, action.SubjectUserId);
        Add(subjects, ActionSubjectKind.IpAddress, action.Ip);
        Add(subjects, ActionSubjectKind.DeviceId, action.DeviceId);
        Add(subjects, ActionSubjectKind.DeviceFingerprint, action.DeviceFingerprint);
        Add(subjects, ActionSubjectKind.DevicePublicKey, action.DevicePublicKey);
        Add(subjects, ActionSubjectKind.CorrelationId, action.CorrelationId);
        Add(subjects, ActionSubjectKind.VerificationSessionId, action.VerificationSessionId);
        Add(subjects, ActionSubjectKind.SessionToken, action.SessionToken);
        return subjects;
    }

    /// <summary>
    /// Lists <paramref name="action"/> under <paramref name="subjects"/> (all of its subjects when omitted).
    /// Idempotent: writing the same action again changes nothing. The subjects are separate partitions, so
    /// the writes go out in parallel.
    /// </summary>
    public virtual Task IndexAsync(StoredAction action, IEnumerable<ActionSubject>? subjects = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var rowKey = ActionIndexTable.RowKey(action.OccurredAt, action.ActionToken);
        var writes = (subjects ?? SubjectsOf(action)).Select(subject =>
            _table.UpsertCheckedAsync(ActionIndexTable.ToEntity(action, subject, rowKey), TableUpdateMode.Replace, cancellationToken));
        return Task.WhenAll(writes);
    }

    /// <summary>
    /// Lists already recorded actions under one more subject (a campaign, a ring): one transaction per 100 rows, as
    /// they share the subject's partition. Idempotent.
    /// </summary>
    public virtual async Task IndexUnderAsync(string tenantId, ActionSubject subject, IEnumerable<IndexedAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var batch in actions.DistinctBy(action => action.ActionToken, StringComparer.Ordinal).Chunk(100))
        {
            await _table.SubmitCheckedAsync(
                batch.Select(action => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ActionIndexTable.ToEntity(tenantId, subject, action))),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One page of the subject's actions, newest first, optionally limited to <c>from ≤ occurred &lt; to</c>.
    /// Pass the returned <see cref="IndexedActionPage.Continuation"/> to resume after the last item (a
    /// checkpoint that survives restarts: it is the last row's key).
    /// </summary>
    public virtual async Task<IndexedActionPage> QueryPageAsync(
        string tenantId,
        ActionSubject subject,
        DateTimeOffset? from = null,
        DateTimeOffset? to = null,
        string? continuation = null,
        int pageSize = MaxPageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var filter = Filter(tenantId, subject, from, to, continuation);
        var items = new List<IndexedAction>(Math.Min(pageSize, 64));
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, pageSize, ActionIndexTable.IndexedProperties, cancellationToken)
            .AsPages(pageSizeHint: pageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var entity in page.Values)
            {
                items.Add(ActionIndexTable.FromEntity(entity));
                if (items.Count == pageSize)
                {
                    return new IndexedActionPage(items, entity.RowKey);
                }
            }

            if (page.ContinuationToken is null)
            {
                break;
            }
        }

        return new IndexedActionPage(items, null);
    }

    /// <summary>Every action of the subject, newest first, optionally limited to <c>from ≤ occurred &lt; to</c>.</summary>
    public virtual async IAsyncEnumerable<IndexedAction> QueryAsync(
        string tenantId,
        ActionSubject subject,
        DateTimeOffset? from = null,
        DateTimeOffset? to = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = Filter(tenantId, subject, from, to, continuation: null);
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, MaxPageSize, ActionIndexTable.IndexedProperties, cancellationToken).ConfigureAwait(false))
        {
            yield return ActionIndexTable.FromEntity(entity);
        }
    }

    private static string Filter(string tenantId, ActionSubject subject, DateTimeOffset? from, DateTimeOffset? to, string? continuation)
    {
        var conditions = new List<string>(5)
        {
            TableFilter.Create($"PartitionKey eq {ActionIndexTable.PartitionKey(tenantId, subject)}"),
            // The subject's state row sorts after its index rows and is not an action.
            TableFilter.Create($"RowKey lt {ActionIndexTable.IndexRowsEnd}"),
        };
        if (to is { } end)
        {
            // occurred < to  ⇔  inverted(occurred) > inverted(to): start after every row of the instant "to".
            conditions.Add(TableFilter.Create($"RowKey gt {ActionIndexTable.AfterRowsOf(end)}"));
        }

        if (from is { } start)
        {
            // occurred ≥ from  ⇔  inverted(occurred) ≤ inverted(from): stop after every row of the instant "from".
            conditions.Add(TableFilter.Create($"RowKey lt {ActionIndexTable.AfterRowsOf(start)}"));
        }

        if (continuation is not null)
        {
            conditions.Add(TableFilter.Create($"RowKey gt {continuation}"));
        }

        return TableFilter.And([.. conditions]);
    }

    private static void Add(List<ActionSubject> subjects, ActionSubjectKind kind, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            subjects.Add(new ActionSubject(kind, value));
        }
    }
}
