namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// A detected threat (<c>threats</c> on the wire). An open enumeration like <see cref="ReasonCode"/>:
/// codes are added, never renamed or removed, and each is described in <c>docs/SCORING.md</c>.
/// </summary>
public readonly struct ThreatCode : IEquatable<ThreatCode>
{
    private readonly string? _value;

    public ThreatCode(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    public static ThreatCode AccountTakeover { get; } = new("ACCOUNT_TAKEOVER");
    public static ThreatCode NewFraudAccount { get; } = new("NEW_FRAUD_ACCOUNT");
    public static ThreatCode BotAttack { get; } = new("BOT_ATTACK");
    public static ThreatCode CredentialStuffing { get; } = new("CREDENTIAL_STUFFING");
    public static ThreatCode MultiAccounting { get; } = new("MULTI_ACCOUNTING");
    public static ThreatCode CardTesting { get; } = new("CARD_TESTING");

    public static IReadOnlyList<ThreatCode> Known { get; } =
        [AccountTakeover, NewFraudAccount, BotAttack, CredentialStuffing, MultiAccounting, CardTesting];

    public string Value => _value ?? string.Empty;

    public static bool operator ==(ThreatCode left, ThreatCode right) => left.Equals(right);

    public static bool operator !=(ThreatCode left, ThreatCode right) => !left.Equals(right);

    public bool Equals(ThreatCode other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ThreatCode other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public override string ToString() => Value;
}
