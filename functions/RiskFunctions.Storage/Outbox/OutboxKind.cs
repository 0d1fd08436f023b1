namespace RiskFunctions.Storage.Outbox;

/// <summary>What an outbox row stands for.</summary>
internal enum OutboxKind
{
    /// <summary>A label not yet propagated (pending or running).</summary>
    Label,

    /// <summary>A fraud report whose current version's label is not yet accepted.</summary>
    FraudReport,
}

internal static class OutboxKinds
{
    /// <summary>Never change an existing code: it is in the outbox's keys.</summary>
    public static string Code(this OutboxKind kind) => kind switch
    {
        OutboxKind.Label => "label",
        OutboxKind.FraudReport => "report",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown outbox kind."),
    };
}
