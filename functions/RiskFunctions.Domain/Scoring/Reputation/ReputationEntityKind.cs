namespace RiskFunctions.Domain.Scoring.Reputation;

/// <summary>The entities that carry a label-driven reputation.</summary>
public enum ReputationEntityKind
{
    User = 0,
    Device = 1,
    Fingerprint = 2,
    PublicKey = 3,
    Ip = 4,
}

/// <summary>Stable storage codes of <see cref="ReputationEntityKind"/>.</summary>
public static class ReputationEntityKinds
{
    public static IReadOnlyList<ReputationEntityKind> All { get; } =
    [
        ReputationEntityKind.User, ReputationEntityKind.Device, ReputationEntityKind.Fingerprint,
        ReputationEntityKind.PublicKey, ReputationEntityKind.Ip,
    ];

    /// <summary>A short code used in storage keys. Never change an existing code.</summary>
    public static string Code(this ReputationEntityKind kind) => kind switch
    {
        ReputationEntityKind.User => "user",
        ReputationEntityKind.Device => "dev",
        ReputationEntityKind.Fingerprint => "fp",
        ReputationEntityKind.PublicKey => "pk",
        ReputationEntityKind.Ip => "ip",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reputation entity kind."),
    };
}
