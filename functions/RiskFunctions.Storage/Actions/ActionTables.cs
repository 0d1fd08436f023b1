namespace RiskFunctions.Storage.Actions;

/// <summary>
/// The logical names of the action tables (the configured prefix is prepended). Each table's own type holds its name,
/// keys and rows: <see cref="ActionsTable"/>, <see cref="ActionIndexTable"/>, <see cref="LinksTable"/>.
/// </summary>
public static class ActionTables
{
    /// <summary>One row per action: tenant + token shard / action token. GET /recommendation reads it in one point read.</summary>
    public const string ActionsTableName = ActionsTable.ActionsTableName;

    /// <summary>Actions by subject: tenant + subject kind + value / inverted time + token. Velocity and label propagation.</summary>
    public const string ActionIndexTableName = ActionIndexTable.ActionIndexTableName;

    /// <summary>Which users a device was seen with and which devices a user was seen with (linking counts).</summary>
    public const string LinksTableName = LinksTable.LinksTableName;

    public static IReadOnlyList<string> All { get; } = [ActionsTableName, ActionIndexTableName, LinksTableName];
}
