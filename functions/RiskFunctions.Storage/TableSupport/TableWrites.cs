using Azure;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace RiskFunctions.Storage.TableSupport;

/// <summary>
/// Every entity write of the repositories goes through these: the entity (or transaction) is checked against the
/// service's limits before it is sent (<see cref="TableEntityLimits"/>), and a transaction made only of upserts and
/// unconditional updates is marked safe to replay for <see cref="ReplaySafeRetryPolicy"/>.
/// </summary>
public static class TableWrites
{
    private static readonly Dictionary<string, object?> ReplaySafe = new(StringComparer.Ordinal)
    {
        [ReplaySafeRetryPolicy.ReplaySafeProperty] = true,
    };

    /// <summary>Inserts the entity; 409 if its keys are taken.</summary>
    public static Task<Response> AddCheckedAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(table);
        TableEntityLimits.Validate(entity);
        return table.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>Inserts or merges into / replaces the entity, whatever its version.</summary>
    public static Task<Response> UpsertCheckedAsync<T>(this TableClient table, T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(table);
        TableEntityLimits.Validate(entity);
        return table.UpsertEntityAsync(entity, mode, cancellationToken);
    }

    /// <summary>Updates the entity if its version is <paramref name="ifMatch"/> (<see cref="ETag.All"/>: any); 404 if missing, 412 if changed.</summary>
    public static Task<Response> UpdateCheckedAsync<T>(this TableClient table, T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(table);
        TableEntityLimits.Validate(entity);
        return table.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);
    }

    /// <summary>
    /// Sends an insert or update, given as a transaction action, as the single-entity request it stands for: a
    /// transaction of one at the price of a plain request, for callers that build the same write alone or with others.
    /// </summary>
    public static Task WriteCheckedAsync(this TableClient table, TableTransactionAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(action);
        return action.ActionType switch
        {
            TableTransactionActionType.Add => table.AddCheckedAsync(action.Entity, cancellationToken),
            TableTransactionActionType.UpdateMerge => table.UpdateCheckedAsync(action.Entity, action.ETag, TableUpdateMode.Merge, cancellationToken),
            TableTransactionActionType.UpdateReplace => table.UpdateCheckedAsync(action.Entity, action.ETag, TableUpdateMode.Replace, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Only inserts and updates are sent this way."),
        };
    }

    /// <summary>
    /// Applies the actions atomically (an entity group transaction) after checking the transaction rules; a
    /// rejected action fails it with <see cref="TableTransactionFailedException"/>, which names the action.
    /// </summary>
    public static async Task<Response<IReadOnlyList<Response>>> SubmitCheckedAsync(
        this TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions as IReadOnlyList<TableTransactionAction> ?? [.. actions];
        TableEntityLimits.ValidateTransaction(list);
        if (!list.All(IsReplaySafe))
        {
            return await table.SubmitTransactionAsync(list, cancellationToken).ConfigureAwait(false);
        }

        using (HttpPipeline.CreateHttpMessagePropertiesScope(ReplaySafe))
        {
            return await table.SubmitTransactionAsync(list, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsReplaySafe(TableTransactionAction action) => action.ActionType switch
    {
        TableTransactionActionType.UpsertMerge or TableTransactionActionType.UpsertReplace => true,
        TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace => action.ETag == default || action.ETag == ETag.All,
        _ => false,
    };
}
