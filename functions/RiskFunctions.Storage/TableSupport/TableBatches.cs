using Azure.Data.Tables;

namespace RiskFunctions.Storage.TableSupport;

/// <summary>
/// Cuts rows into entity group transactions: one partition each, at most <see cref="TableEntityLimits.MaxTransactionActions"/>
/// rows and well under <see cref="TableEntityLimits.MaxTransactionBytes"/> (the rows' own size, with room for the
/// request's framing).
/// </summary>
public static class TableBatches
{
    private const long MaxRowBytesPerTransaction = 3L * 1024 * 1024;

    /// <summary>The rows of <paramref name="entities"/> by partition, in transactions that fit the service's limits.</summary>
    public static IEnumerable<IReadOnlyList<T>> Of<T>(IEnumerable<T> entities)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entities);
        foreach (var partition in entities.GroupBy(entity => entity.PartitionKey, StringComparer.Ordinal))
        {
            var batch = new List<T>();
            long bytes = 0;
            foreach (var entity in partition)
            {
                var size = TableEntityLimits.Validate(entity);
                if (batch.Count > 0 && (batch.Count == TableEntityLimits.MaxTransactionActions || bytes + size > MaxRowBytesPerTransaction))
                {
                    yield return batch;
                    (batch, bytes) = ([], 0);
                }

                batch.Add(entity);
                bytes += size;
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }
}
