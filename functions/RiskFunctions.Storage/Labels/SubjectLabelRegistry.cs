using Azure;
using Azure.Data.Tables;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Labels;

/// <summary>
/// The newest label of each labeled subject (user, IP, correlation id, ...), one row per subject in the labels table.
/// It is what lets propagation mark actions without reading them: only the subject's newest label is written into the
/// subject's slot (<see cref="ActionLabelMarker.MarkSubjectAsync"/>). A label registers before it marks anything, and
/// after marking a chunk its propagation looks again: when a newer label registered meanwhile, some of its marks on
/// that chunk may have been overwritten, so the newer one is written there again. A label registered after that look
/// marks those actions later itself, so every action ends with its subject's newest label whatever the interleaving.
/// </summary>
public class SubjectLabelRegistry
{
    private readonly TableClient _table;

    public SubjectLabelRegistry(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(LabelsTable.LabelsTableName);
    }

    /// <summary>For mocking.</summary>
    protected SubjectLabelRegistry() => _table = null!;

    /// <summary>
    /// Records <paramref name="label"/> as the subject's newest unless a newer one is there (by timestamp, then label
    /// id). Idempotent. Returns the subject's newest label afterwards: <paramref name="label"/> or the newer one.
    /// </summary>
    public virtual async Task<ActionLabelMark> RegisterAsync(string tenantId, ActionSubject subject, ActionLabelMark label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        var partitionKey = LabelsTable.SubjectPartitionKey(tenantId, subject);
        while (true)
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, LabelsTable.NewestLabelRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!current.HasValue)
                {
                    await _table.AddCheckedAsync(LabelsTable.ToNewestLabelEntity(partitionKey, label), cancellationToken).ConfigureAwait(false);
                    return label;
                }

                var existing = LabelsTable.FromNewestLabelEntity(current.Value!);
                if (!label.Supersedes(existing.LabelId, existing.LabeledAt))
                {
                    return existing;
                }

                await _table.UpdateCheckedAsync(LabelsTable.ToNewestLabelEntity(partitionKey, label), current.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return label;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another label registered between the read and the write: decide again on its state.
            }
        }
    }

    /// <summary>The subject's newest registered label, or null when none registered.</summary>
    public virtual async Task<ActionLabelMark?> GetNewestAsync(string tenantId, ActionSubject subject, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            LabelsTable.SubjectPartitionKey(tenantId, subject), LabelsTable.NewestLabelRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? LabelsTable.FromNewestLabelEntity(response.Value!) : null;
    }
}
