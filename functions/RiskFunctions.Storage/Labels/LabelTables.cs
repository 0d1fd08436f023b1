namespace RiskFunctions.Storage.Labels;

/// <summary>The tables of the labels feature (logical names, before the configured prefix); <see cref="LabelsTable"/> owns the table.</summary>
public static class LabelTables
{
    /// <summary>One row per label: the label itself and its propagation state (the transactional outbox).</summary>
    public const string LabelsTableName = LabelsTable.LabelsTableName;

    /// <summary>Labels not yet propagated, which the outbox relay reads (shared with the fraud reports).</summary>
    public const string OutboxTableName = Outbox.OutboxTable.OutboxTableName;

    public static IReadOnlyList<string> All { get; } = [LabelsTableName, OutboxTableName];
}
