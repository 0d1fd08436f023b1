namespace RiskFunctions.Domain.Scoring.Reputation;

/// <summary>The reputations of the entities one action involves; absent entities are clean.</summary>
public sealed record ReputationSnapshot
{
    public static ReputationSnapshot Clean { get; } = new();

    public EntityReputation User { get; init; } = EntityReputation.Clean;

    public EntityReputation Device { get; init; } = EntityReputation.Clean;

    public EntityReputation Fingerprint { get; init; } = EntityReputation.Clean;

    public EntityReputation PublicKey { get; init; } = EntityReputation.Clean;

    public EntityReputation Ip { get; init; } = EntityReputation.Clean;

    public EntityReputation this[ReputationEntityKind kind] => kind switch
    {
        ReputationEntityKind.User => User,
        ReputationEntityKind.Device => Device,
        ReputationEntityKind.Fingerprint => Fingerprint,
        ReputationEntityKind.PublicKey => PublicKey,
        ReputationEntityKind.Ip => Ip,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reputation entity kind."),
    };

    /// <summary>Whether any involved entity has a negative standing.</summary>
    public bool AnyNegative => User.IsNegative || Device.IsNegative || Fingerprint.IsNegative || PublicKey.IsNegative || Ip.IsNegative;

    /// <summary>A snapshot with <paramref name="reputation"/> for <paramref name="kind"/>.</summary>
    public ReputationSnapshot With(ReputationEntityKind kind, EntityReputation reputation) => kind switch
    {
        ReputationEntityKind.User => this with { User = reputation },
        ReputationEntityKind.Device => this with { Device = reputation },
        ReputationEntityKind.Fingerprint => this with { Fingerprint = reputation },
        ReputationEntityKind.PublicKey => this with { PublicKey = reputation },
        ReputationEntityKind.Ip => this with { Ip = reputation },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reputation entity kind."),
    };
}
