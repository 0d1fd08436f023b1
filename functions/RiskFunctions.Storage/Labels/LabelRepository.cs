using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Storage.Outbox;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Labels;

/// <summary>
/// Labels and their propagation state. Every change after the first write is conditional on the row's ETag, so
/// two instances working on one label never overwrite each other's progress: the loser reads again and decides.
/// A label not yet propagated is also in the outbox (<see cref="OutboxIndex"/>), which is what the relay reads.
/// </summary>
public class LabelRepository
{
    private readonly TableClient _table;
    private readonly OutboxIndex _outbox;

    /// <summary>Whether this instance has swept the whole table once for unfinished labels stored before the outbox existed.</summary>
    private int _swept;

    public LabelRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(LabelsTable.LabelsTableName);
        _outbox = new OutboxIndex(tables);
    }

    /// <summary>For mocking.</summary>
    protected LabelRepository()
    {
        _table = null!;
        _outbox = null!;
    }

    /// <summary>
    /// Stores a new label; returns it with its ETag (so its propagation can go on without reading it), or
    /// <see langword="null"/> when a label with its id already exists.
    /// </summary>
    public virtual async Task<StoredLabel?> TryAddAsync(StoredLabel label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);

        // Into the outbox first: a process that stops between the two writes leaves an entry the relay removes, never
        // a label the relay cannot find.
        var outboxETag = label.IsFinished
            ? default
            : await _outbox.AddAsync(OutboxKind.Label, label.TenantId, label.Label.LabelId, label.StateChangedAt, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _table.AddCheckedAsync(LabelsTable.ToEntity(label), cancellationToken).ConfigureAwait(false);
            return label with { ETag = response.Headers.ETag ?? default, OutboxETag = outboxETag };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>The tenant's label, or <see langword="null"/> (another tenant's label is not found either).</summary>
    public virtual async Task<StoredLabel?> GetAsync(string tenantId, string labelId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (!TableKeyEncoder.IsValidKey(labelId) || labelId.Length == 0)
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(LabelsTable.PartitionKey(tenantId), LabelsTable.RowKey(labelId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? LabelsTable.FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// Replaces the row if it is still at <see cref="StoredLabel.ETag"/>; returns the stored state with its new
    /// ETag, or <see langword="null"/> when someone else changed it first.
    /// </summary>
    public virtual async Task<StoredLabel?> TryUpdateAsync(StoredLabel label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        // The entry's version before the write is the one a finishing write may remove (the one this process put there,
        // else read now): a reopening can only follow this write, and its claim on the entry (a new version) then makes
        // the removal fail.
        var finished = !label.IsFinished ? null
            : label.OutboxETag != default ? label.OutboxETag
            : await _outbox.GetETagAsync(OutboxKind.Label, label.TenantId, label.Label.LabelId, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _table.UpdateCheckedAsync(LabelsTable.ToEntity(label), label.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            if (finished is { } entry)
            {
                await _outbox.RemoveAsync(OutboxKind.Label, label.TenantId, label.Label.LabelId, entry, cancellationToken).ConfigureAwait(false);
            }

            return label with { ETag = response.Headers.ETag ?? default, OutboxETag = finished is null ? label.OutboxETag : default };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Puts a finished label back to work: <paramref name="label"/> carries its new, unfinished state. Into the outbox
    /// first, as when it was added, then the row, conditional on its ETag; <see langword="null"/> when someone else
    /// changed the row first (the entry then stays until the relay finds the label finished).
    /// </summary>
    public virtual async Task<StoredLabel?> TryReopenAsync(StoredLabel label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.IsFinished)
        {
            throw new ArgumentException("A reopened label must not be finished.", nameof(label));
        }

        var outboxETag = await _outbox.AddAsync(OutboxKind.Label, label.TenantId, label.Label.LabelId, label.StateChangedAt, cancellationToken).ConfigureAwait(false);
        return await TryUpdateAsync(label with { OutboxETag = outboxETag }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Labels of every tenant that look abandoned: pending since before <paramref name="pendingBefore"/> (their
    /// message may have been lost) or running without progress since before <paramref name="stalledBefore"/> (the
    /// process working on them died), and whose message was not sent at or after <paramref name="sentBefore"/>: one
    /// sent since may still be delivered, and until then the queue's redelivery and dead-lettering govern the label.
    /// What the outbox relay sends again. Reads the outbox and each label in it; an entry whose label is finished, or
    /// was never stored, is removed. The first call of an instance also sweeps the whole table once, for labels stored
    /// before the outbox existed, and puts the unfinished ones in the outbox.
    /// </summary>
    public virtual async IAsyncEnumerable<StoredLabel> QueryAbandonedAsync(
        DateTimeOffset pendingBefore, DateTimeOffset stalledBefore, DateTimeOffset sentBefore, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _swept) == 0)
        {
            await SweepIntoOutboxAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _swept, 1);
        }

        await foreach (var entry in _outbox.ListAsync(OutboxKind.Label, cancellationToken).ConfigureAwait(false))
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(LabelsTable.PartitionKey(entry.TenantId), LabelsTable.RowKey(entry.ItemId), cancellationToken: cancellationToken)
                .ConfigureAwait(false);

            // A row that cannot be read as a label cannot be propagated either (its deliveries fail and are
            // dead-lettered): its entry goes, so that one bad row never stops the relay of every other label.
            var label = row.HasValue ? LabelsTable.TryFromEntity(row.Value!) : null;
            if (label is null ? row.HasValue || entry.AddedAt < pendingBefore : label.IsFinished)
            {
                await _outbox.RemoveAsync(OutboxKind.Label, entry.TenantId, entry.ItemId, entry.ETag, cancellationToken).ConfigureAwait(false);
            }
            else if (label is not null && IsAbandoned(label, pendingBefore, stalledBefore, sentBefore))
            {
                yield return label;
            }
        }
    }

    private static bool IsAbandoned(StoredLabel label, DateTimeOffset pendingBefore, DateTimeOffset stalledBefore, DateTimeOffset sentBefore)
    {
        if (label.MessageSentAt is { } sentAt && sentAt >= sentBefore)
        {
            return false;
        }

        return label.State switch
        {
            LabelPropagationState.Pending => label.StateChangedAt < pendingBefore,
            LabelPropagationState.Running => label.StateChangedAt < stalledBefore,
            _ => false,
        };
    }

    /// <summary>Puts every unfinished label of the table in the outbox: a scan of the whole table, once per instance.</summary>
    private async Task SweepIntoOutboxAsync(CancellationToken cancellationToken)
    {
        var filter = TableFilter.Or(
            TableFilter.Create($"State eq {nameof(LabelPropagationState.Pending)}"),
            TableFilter.Create($"State eq {nameof(LabelPropagationState.Running)}"));
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (LabelsTable.TryFromEntity(entity) is { } label)
            {
                await _outbox.AddAsync(OutboxKind.Label, label.TenantId, label.Label.LabelId, label.StateChangedAt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The tenants that have labels, each once, in key order: a skip scan over the labels table. Every partition of a
    /// tenant starts with the tenant (its labels in <c>tenant|label</c>, its subjects' newest-label rows in the subjects'
    /// partitions), so each step reads the first row after the previous tenant's partitions, which names the next tenant;
    /// when that row is a subject's, one more query looks for the tenant's label partition. At most two queries per
    /// tenant, each answered by the first row it meets: however many labels and labeled subjects a tenant has, no query
    /// passes over them (a filter on the row key would make the service read every subject row on its way).
    /// </summary>
    public virtual async IAsyncEnumerable<string> ListTenantsWithLabelsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = string.Empty;
        while (await FirstAsync($"PartitionKey gt {after}", cancellationToken).ConfigureAwait(false) is { } first)
        {
            var tenantId = TableKeyEncoder.Split(first.PartitionKey)[0];
            var labelPartition = LabelsTable.PartitionKey(tenantId);
            if (string.Equals(first.PartitionKey, labelPartition, StringComparison.Ordinal)
                || await FirstAsync($"PartitionKey eq {labelPartition}", cancellationToken).ConfigureAwait(false) is not null)
            {
                yield return tenantId;
            }

            after = TenantPartitionsEnd(tenantId);
        }
    }

    /// <summary>
    /// A key after every partition of <paramref name="tenantId"/> and before the next tenant's: the encoded tenant, the
    /// separator, then <c>~</c>, above the first character of every component that follows the tenant (a kind's name).
    /// </summary>
    private static string TenantPartitionsEnd(string tenantId) => TableKeyEncoder.Join(tenantId, string.Empty) + "~";

    private async Task<TableEntity?> FirstAsync(FormattableString filter, CancellationToken cancellationToken)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableFilter.Create(filter), maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return entity;
        }

        return null;
    }
}
