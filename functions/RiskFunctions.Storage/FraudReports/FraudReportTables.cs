namespace RiskFunctions.Storage.FraudReports;

/// <summary>The tables of transaction fraud reports (logical names, before the configured prefix); <see cref="FraudReportsTable"/> owns the table.</summary>
public static class FraudReportTables
{
    /// <summary>One row per reported transaction: tenant + token shard / transaction token.</summary>
    public const string FraudReportsTableName = FraudReportsTable.FraudReportsTableName;

    public static IReadOnlyList<string> All { get; } = [FraudReportsTableName];
}
