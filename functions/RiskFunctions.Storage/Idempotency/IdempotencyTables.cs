namespace RiskFunctions.Storage.Idempotency;

/// <summary>The logical name of the idempotency table (the configured prefix is prepended).</summary>
public static class IdempotencyTables
{
    /// <summary>One row per key: tenant + operation + key / <c>r</c>.</summary>
    public const string IdempotencyTableName = "idempotency";

    public static IReadOnlyList<string> All { get; } = [IdempotencyTableName];
}
