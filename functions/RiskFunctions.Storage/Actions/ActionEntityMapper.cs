namespace RiskFunctions.Storage.Actions;

/// <summary>The former home of the action row's mapping, kept for the benchmarks that select the document properties.</summary>
internal static class ActionEntityMapper
{
    /// <inheritdoc cref="ActionsTable.DocumentProperties"/>
    public static IEnumerable<string> DocumentProperties => ActionsTable.DocumentProperties;
}
