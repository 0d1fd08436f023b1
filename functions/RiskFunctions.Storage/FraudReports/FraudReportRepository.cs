using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Storage.Outbox;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.FraudReports;

/// <summary>
/// Transaction fraud reports. The first write is an insert and every later one is conditional on the row's ETag,
/// so of two concurrent changes to one report exactly one is written: the other finds the row changed, reads it
/// again and is decided against the new state. Tokens must be well-formed (<see cref="ActionToken.IsWellFormed"/>).
/// A report whose current version's label is not yet accepted is also in the outbox (<see cref="OutboxIndex"/>),
/// which is what the relay reads.
/// </summary>
public class FraudReportRepository
{
    private readonly TableClient _table;
    private readonly OutboxIndex _outbox;

    /// <summary>Whether this instance has swept the whole table once for reports stored before the outbox existed.</summary>
    private int _swept;

    public FraudReportRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(FraudReportsTable.FraudReportsTableName);
        _outbox = new OutboxIndex(tables);
    }

    /// <summary>For mocking.</summary>
    protected FraudReportRepository()
    {
        _table = null!;
        _outbox = null!;
    }

    /// <summary>The tenant's report on the transaction, or <see langword="null"/> (another tenant's is not found either).</summary>
    public virtual async Task<StoredFraudReport?> GetAsync(string tenantId, string transactionToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        CheckToken(transactionToken);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            FraudReportsTable.PartitionKey(tenantId, transactionToken), FraudReportsTable.RowKey(transactionToken), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FraudReportsTable.FromEntity(response.Value!) : null;
    }

    /// <summary>Stores the first report on a transaction with its new ETag; <see langword="null"/> when a report exists already.</summary>
    public virtual async Task<StoredFraudReport?> TryAddAsync(StoredFraudReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        CheckToken(report.Report.TransactionToken);
        var outboxETag = await OweLabelAsync(report, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _table.AddCheckedAsync(FraudReportsTable.ToEntity(report), cancellationToken).ConfigureAwait(false);
            return report with { ETag = response.Headers.ETag ?? default, OutboxETag = outboxETag };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>
    /// Replaces the report if its row is still at <see cref="StoredFraudReport.ETag"/>; returns it with its new
    /// ETag, or <see langword="null"/> when someone else changed it first.
    /// </summary>
    public virtual async Task<StoredFraudReport?> TryUpdateAsync(StoredFraudReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.ETag == default)
        {
            throw new ArgumentException("Only a report that was read can be updated.", nameof(report));
        }

        var outboxETag = await OweLabelAsync(report, cancellationToken).ConfigureAwait(false);
        var finished = report.LabelAccepted ? await OutboxEntryBeforeWriteAsync(report, cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var response = await _table.UpdateCheckedAsync(FraudReportsTable.ToEntity(report), report.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            if (finished is { } entry)
            {
                await _outbox.RemoveAsync(OutboxKind.FraudReport, report.TenantId, report.Report.TransactionToken, entry, cancellationToken).ConfigureAwait(false);
            }

            return report with { ETag = response.Headers.ETag ?? default, OutboxETag = outboxETag };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Reports of every tenant whose current version's label is not yet accepted although the version was
    /// written before <paramref name="updatedBefore"/>: the process that wrote it stopped before the label. Reads the
    /// outbox and each report in it; an entry whose report has its label, or was never stored, is removed. The first
    /// call of an instance also sweeps the whole table once, for reports stored before the outbox existed.
    /// </summary>
    public virtual async IAsyncEnumerable<StoredFraudReport> QueryUnlabeledAsync(DateTimeOffset updatedBefore, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _swept) == 0)
        {
            await SweepIntoOutboxAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _swept, 1);
        }

        await foreach (var entry in _outbox.ListAsync(OutboxKind.FraudReport, cancellationToken).ConfigureAwait(false))
        {
            var row = ActionToken.IsWellFormed(entry.ItemId)
                ? await _table.GetEntityIfExistsAsync<TableEntity>(FraudReportsTable.PartitionKey(entry.TenantId, entry.ItemId), FraudReportsTable.RowKey(entry.ItemId), cancellationToken: cancellationToken)
                    .ConfigureAwait(false)
                : null;

            // One unreadable row must not stop the others from being completed: its entry goes.
            var report = row is { HasValue: true } ? FraudReportsTable.TryFromEntity(row.Value!) : null;
            if (report is null ? row is { HasValue: true } || entry.AddedAt < updatedBefore : report.LabelAccepted)
            {
                await _outbox.RemoveAsync(OutboxKind.FraudReport, entry.TenantId, entry.ItemId, entry.ETag, cancellationToken).ConfigureAwait(false);
            }
            else if (report is not null && report.Report.UpdatedAt < updatedBefore)
            {
                // The entry was listed before the report was read: its version is the one accepting the label may remove.
                yield return report with { OutboxETag = entry.ETag };
            }
        }
    }

    /// <summary>
    /// Into the outbox first, while the version about to be written owes its label: a process that stops before the
    /// label leaves the entry. Returns the entry's new version, or default when the version owes nothing.
    /// </summary>
    private async Task<ETag> OweLabelAsync(StoredFraudReport report, CancellationToken cancellationToken) => report.LabelAccepted
        ? default
        : await _outbox.AddAsync(OutboxKind.FraudReport, report.TenantId, report.Report.TransactionToken, report.Report.UpdatedAt, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The outbox entry's version before a write that accepts the label, which is the version the write may remove:
    /// the one this process saw when it put the report there, else read now; null when there is no entry. Taken
    /// before the write because a newer version can only be written after it, and its claim on the entry (a new
    /// version of the entry) then makes the removal fail.
    /// </summary>
    private async Task<ETag?> OutboxEntryBeforeWriteAsync(StoredFraudReport report, CancellationToken cancellationToken) => report.OutboxETag != default
        ? report.OutboxETag
        : await _outbox.GetETagAsync(OutboxKind.FraudReport, report.TenantId, report.Report.TransactionToken, cancellationToken).ConfigureAwait(false);

    /// <summary>Puts every report of the table that owes its label in the outbox: a scan of the whole table, once per instance.</summary>
    private async Task SweepIntoOutboxAsync(CancellationToken cancellationToken)
    {
        var filter = TableFilter.Create($"LabelAccepted eq {false}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (FraudReportsTable.TryFromEntity(entity) is { } report)
            {
                await OweLabelAsync(report, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void CheckToken(string transactionToken)
    {
        if (!ActionToken.IsWellFormed(transactionToken))
        {
            throw new ArgumentException("Not a well-formed transaction (action) token.", nameof(transactionToken));
        }
    }
}
