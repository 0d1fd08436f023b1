namespace RiskFunctions.Storage.Reputation;

/// <summary>The logical name of the reputation table (the configured prefix is prepended); <see cref="ReputationTable"/> owns the table.</summary>
public static class ReputationTables
{
    /// <summary>One row per labeled entity: tenant + entity kind + value / <c>rep</c>.</summary>
    public const string ReputationTableName = ReputationTable.ReputationTableName;

    public static IReadOnlyList<string> All { get; } = [ReputationTableName];
}
