namespace RiskFunctions.Storage.FraudReports;

/// <summary>The tables of transaction fraud reports (logical names, before the configured prefix); <see cref="FraudReportsTable"/> owns the table.</summary>
public static class FraudReportTables
{
    /// <summary>One row per reported transaction: tenant + token shard / transaction token.</summary>
    public const string FraudReportsTableName = FraudReportsTable.FraudReportsTableName;

    /// <summary>Reports whose label is not yet accepted, which the relay reads (shared with the labels).</summary>
    public const string OutboxTableName = Outbox.OutboxTable.OutboxTableName;

    public static IReadOnlyList<string> All { get; } = [FraudReportsTableName, OutboxTableName];
}
