namespace RiskFunctions.Storage.Idempotency;

/// <summary>The logical name of the idempotency table (the configured prefix is prepended); <see cref="IdempotencyTable"/> owns the table.</summary>
public static class IdempotencyTables
{
    /// <summary>One row per key: tenant + operation + key / <c>r</c>.</summary>
    public const string IdempotencyTableName = IdempotencyTable.IdempotencyTableName;

    public static IReadOnlyList<string> All { get; } = [IdempotencyTableName];
}
