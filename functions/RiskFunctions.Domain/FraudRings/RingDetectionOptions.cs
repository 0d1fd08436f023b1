namespace RiskFunctions.Domain.FraudRings;

/// <summary>When a group of linked users is a ring. Configuration section <c>FraudRings:Detection</c>.</summary>
public sealed class RingDetectionOptions
{
    /// <summary>Fewest users in a ring. Default 5: households and couples sharing a tablet stay below it.</summary>
    public int MinMembers { get; set; } = 5;

    /// <summary>
    /// Fewest independent pieces of strong evidence (devices, fingerprints, keys, cards, payees shared by two members or
    /// more; identifiers with the same users count once). Default 2.
    /// </summary>
    public int MinStrongLinks { get; set; } = 2;

    /// <summary>
    /// Share of an identifier's users that must be core users (tied to others by two pieces of evidence) for it to join
    /// them: a ring owns its devices and cards, a popular fingerprint touching a few households does not. Default 0.5.
    /// </summary>
    public double MinCohesion { get; set; } = 0.5;

    /// <summary>
    /// A device, fingerprint, key, card or payee used by more users than this links nobody: a kiosk, a popular
    /// fingerprint, a marketplace's payee account. Default 50.
    /// </summary>
    public int MaxUsersPerEntity { get; set; } = 50;

    /// <summary>
    /// Share of the tenant's users above which a payee account links nobody: a merchant's customers are not a ring,
    /// however small the merchant. In a tenant of 10,000 users that is 100 users, so <see cref="MaxUsersPerEntity"/>
    /// decides; in a tenant of 300 users, a payee paid by more than 3 of them is a merchant. Default 0.01.
    /// </summary>
    public double MaxPayeeShare { get; set; } = 0.01;

    /// <summary>An IP address with more users than this is a shared network (carrier NAT, office, campus). Default 8.</summary>
    public int MaxUsersPerIp { get; set; } = 8;

    /// <summary>Largest group reported as a ring; a bigger one is a network. Default 500.</summary>
    public int MaxMembers { get; set; } = 500;

    /// <summary>
    /// Most users an identifier of <paramref name="kind"/> may have and still link them, in a tenant of
    /// <paramref name="tenantUsers"/> users (unknown: the fixed caps alone).
    /// </summary>
    public int CapFor(LinkKind kind, long? tenantUsers = null) => kind switch
    {
        LinkKind.Ip => MaxUsersPerIp,
        LinkKind.PayeeAccount when tenantUsers is { } users => (int)Math.Min(MaxUsersPerEntity, Math.Max(1, Math.Floor(MaxPayeeShare * users))),
        _ => MaxUsersPerEntity,
    };
}
