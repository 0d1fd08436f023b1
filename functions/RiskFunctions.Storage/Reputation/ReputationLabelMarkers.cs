using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Reputation;

/// <summary>
/// Exact idempotency of labels on a reputation past the last <see cref="EntityReputation.RecentLabelCapacity"/> it
/// names itself. While <see cref="EntityReputation.RemembersEveryLabel"/>, a label is written as a plain update. Once
/// the list is full, the update goes in one transaction with a marker row per label beside the reputation: the insert
/// of the new label's marker (which fails when the label was applied before) and the upsert of the marker of the label
/// the list lets go of. So a label redelivered after any number of others, a propagation chunk redone after a crash,
/// still counts once. An entity with fewer labels than the list holds has no marker rows.
/// </summary>
/// <remarks>
/// Markers share the reputation's partition, under RowKeys that sort after every action-index row (they start with
/// <c>~</c>, as the subject state does), so listing a subject's actions never meets them. Labels that left a list before
/// markers existed are not recognised (the list was the whole record then).
/// </remarks>
internal static class ReputationLabelMarkers
{
    /// <summary>Where the RowKeys of the markers start.</summary>
    public const string RowKeyPrefix = "~label|";

    /// <summary>The position of the new label's marker in the transaction <see cref="WriteAsync"/> sends (the reputation's write is first).</summary>
    private const int NewLabelIndex = 1;

    public static string RowKey(string labelId) => RowKeyPrefix + TableKeyEncoder.Encode(labelId);

    /// <summary>
    /// The marker rows the change from <paramref name="current"/> to <paramref name="next"/> writes: none while
    /// <paramref name="current"/> remembers every label; otherwise the insert of <paramref name="labelId"/>'s marker
    /// and the upsert of the marker of the label <paramref name="next"/> no longer names.
    /// </summary>
    public static IReadOnlyList<TableTransactionAction> For(string partitionKey, EntityReputation current, EntityReputation next, string labelId)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        if (current.RemembersEveryLabel)
        {
            return [];
        }

        var markers = new List<TableTransactionAction>(2) { new(TableTransactionActionType.Add, Marker(partitionKey, labelId)) };
        foreach (var released in current.RecentLabelIds.Except(next.RecentLabelIds, StringComparer.Ordinal))
        {
            markers.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, Marker(partitionKey, released)));
        }

        return markers;
    }

    /// <summary>
    /// Sends <paramref name="write"/> (the reputation's insert or conditional update) alone, or in one transaction with
    /// <paramref name="markers"/>. Returns <c>false</c>, having changed nothing, when the new label's marker shows the
    /// label was applied before; a lost race on the reputation throws as the write alone would (409 or 412).
    /// </summary>
    public static async Task<bool> WriteAsync(
        TableClient table, TableTransactionAction write, IReadOnlyList<TableTransactionAction> markers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(markers);
        if (markers.Count == 0)
        {
            await table.WriteCheckedAsync(write, cancellationToken).ConfigureAwait(false);
            return true;
        }

        try
        {
            await table.SubmitCheckedAsync([write, .. markers], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex == NewLabelIndex)
        {
            return false;
        }
    }

    private static TableEntity Marker(string partitionKey, string labelId) => new(partitionKey, RowKey(labelId));
}
