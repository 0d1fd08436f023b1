namespace RiskFunctions.Domain.FraudRings;

/// <summary>What links two users of a ring: something both of them used.</summary>
public enum LinkKind
{
    DeviceId,
    DeviceFingerprint,
    DevicePublicKey,

    /// <summary>A payer card, as BIN and last four digits.</summary>
    Card,

    /// <summary>A payee account from <c>transaction_data</c>.</summary>
    PayeeAccount,

    /// <summary>An IP address outside the large shared networks. The weakest link: it never qualifies a ring alone.</summary>
    Ip,
}

/// <summary>Stable wire and storage codes of <see cref="LinkKind"/>.</summary>
public static class LinkKinds
{
    public static IReadOnlyList<LinkKind> All { get; } = Enum.GetValues<LinkKind>();

    /// <summary>Never change an existing code: it is in storage keys and API answers.</summary>
    public static string Code(this LinkKind kind) => kind switch
    {
        LinkKind.DeviceId => "device_id",
        LinkKind.DeviceFingerprint => "device_fingerprint",
        LinkKind.DevicePublicKey => "device_public_key",
        LinkKind.Card => "card",
        LinkKind.PayeeAccount => "payee_account",
        LinkKind.Ip => "ip",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown link kind."),
    };

    public static LinkKind? FromCode(string? code) => All.Where(kind => kind.Code() == code).Select(kind => (LinkKind?)kind).FirstOrDefault();

    /// <summary>Whether a shared value of this kind is evidence of one operator (devices, keys, payment instruments).</summary>
    public static bool IsStrong(this LinkKind kind) => kind != LinkKind.Ip;
}
