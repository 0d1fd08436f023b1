using Azure.Data.Tables;

namespace RiskFunctions.Storage.Rules;

/// <summary>
/// The operations of one rule change: reservations first (so a collision is the failure the service reports),
/// then the caller's rule operations, then the version bump.
/// </summary>
internal sealed class RuleChange(string partition, RuleSetVersion version, DateTimeOffset now)
{
    private readonly List<TableTransactionAction> _reservations = [];
    private readonly List<TableTransactionAction> _operations = [];

    public string Partition => partition;

    public long NextVersion => version.Version + 1;

    /// <summary>How many operations at the start of the transaction are reservations.</summary>
    public int ReservationCount => _reservations.Count;

    public void Reserve(string rowKey, string ruleId) =>
        _reservations.Add(new(TableTransactionActionType.Add, RuleEntityMapper.Reservation(partition, rowKey, ruleId)));

    public void Add(TableTransactionAction operation) => _operations.Add(operation);

    /// <summary>All operations, ending with the version row (updated with its ETag, or added if it is the first).</summary>
    public IReadOnlyList<TableTransactionAction> Complete(int ruleDelta, int valueDelta)
    {
        var entity = new TableEntity(partition, RuleTableKeys.Version)
        {
            [RuleSetVersionMapper.VersionProperty] = NextVersion,
            [RuleSetVersionMapper.RuleCountProperty] = version.RuleCount + ruleDelta,
            [RuleSetVersionMapper.ValueCountProperty] = version.ValueCount + valueDelta,
            [RuleSetVersionMapper.UpdatedAtProperty] = now,
        };
        var bump = version.Exists
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, version.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, entity);
        return [.. _reservations, .. _operations, bump];
    }
}
