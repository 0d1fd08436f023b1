namespace RiskFunctions.Storage.FraudReports;

/// <summary>The tables of transaction fraud reports (logical names, before the configured prefix).</summary>
public static class FraudReportTables
{
    /// <summary>One row per reported transaction: tenant + token shard / transaction token.</summary>
    public const string FraudReportsTableName = "fraudreports";

    public static IReadOnlyList<string> All { get; } = [FraudReportsTableName];
}
