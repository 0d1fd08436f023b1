using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.FraudReports;

/// <summary>
/// Transaction fraud reports. The first write is an insert and every later one is conditional on the row's ETag,
/// so of two concurrent changes to one report exactly one is written: the other finds the row changed, reads it
/// again and is decided against the new state. Tokens must be well-formed (<see cref="ActionToken.IsWellFormed"/>).
/// </summary>
public class FraudReportRepository
{
    private readonly TableClient _table;

    public FraudReportRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(FraudReportsTable.FraudReportsTableName);
    }

    /// <summary>For mocking.</summary>
    protected FraudReportRepository()
    {
        _table = null!;
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
        try
        {
            var response = await _table.AddCheckedAsync(FraudReportsTable.ToEntity(report), cancellationToken).ConfigureAwait(false);
            return report with { ETag = response.Headers.ETag ?? default };
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

        try
        {
            var response = await _table.UpdateCheckedAsync(FraudReportsTable.ToEntity(report), report.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return report with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Reports of every tenant whose current version's label is not yet accepted although the version was
    /// written before <paramref name="updatedBefore"/>: the process that wrote it stopped before the label.
    /// </summary>
    public virtual async IAsyncEnumerable<StoredFraudReport> QueryUnlabeledAsync(DateTimeOffset updatedBefore, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.Create($"LabelAccepted eq {false} and UpdatedAt lt {updatedBefore}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // One unreadable row must not stop the others from being completed.
            if (FraudReportsTable.TryFromEntity(entity) is { } report)
            {
                yield return report;
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
