namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// A stable, documented reason code explaining what raised an action's risk (<c>reasons</c> on the wire).
/// An open enumeration: clients must accept codes they do not know, and codes are only ever added, never
/// renamed or removed. Every code is described in <c>docs/SCORING.md</c>.
/// </summary>
public readonly struct ReasonCode : IEquatable<ReasonCode>
{
    private readonly string? _value;

    public ReasonCode(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    // Profile: the action departs from the user's trusted history (Freeman et al. likelihood ratios).
    public static ReasonCode ProfileUserNew { get; } = new("PROFILE_USER_NEW");
    public static ReasonCode ProfileUserInfrequent { get; } = new("PROFILE_USER_INFREQUENT");
    public static ReasonCode ProfileCountryNew { get; } = new("PROFILE_COUNTRY_NEW");
    public static ReasonCode ProfileNetworkNew { get; } = new("PROFILE_NETWORK_NEW");
    public static ReasonCode ProfileIpNew { get; } = new("PROFILE_IP_NEW");
    public static ReasonCode ProfilePlatformNew { get; } = new("PROFILE_PLATFORM_NEW");
    public static ReasonCode ProfileOsNew { get; } = new("PROFILE_OS_NEW");
    public static ReasonCode ProfileBrowserNew { get; } = new("PROFILE_BROWSER_NEW");
    public static ReasonCode ProfileUserAgentNew { get; } = new("PROFILE_USER_AGENT_NEW");
    public static ReasonCode ProfileDeviceNew { get; } = new("PROFILE_DEVICE_NEW");
    public static ReasonCode IpRareInTenant { get; } = new("IP_RARE_IN_TENANT");

    // Account age.
    public static ReasonCode AccountNew { get; } = new("ACCOUNT_NEW");

    // Velocity and linking (risk_signals.history).
    public static ReasonCode VelocityIpHigh { get; } = new("VELOCITY_IP_HIGH");
    public static ReasonCode VelocityUserHigh { get; } = new("VELOCITY_USER_HIGH");
    public static ReasonCode VelocityDeviceHigh { get; } = new("VELOCITY_DEVICE_HIGH");
    public static ReasonCode IpManyUsers { get; } = new("IP_MANY_USERS");
    public static ReasonCode IpManyDevices { get; } = new("IP_MANY_DEVICES");
    public static ReasonCode DeviceManyUsers { get; } = new("DEVICE_MANY_USERS");
    public static ReasonCode UserManyDevices { get; } = new("USER_MANY_DEVICES");

    // Network.
    public static ReasonCode IpTor { get; } = new("IP_TOR");
    public static ReasonCode IpVpn { get; } = new("IP_VPN");
    public static ReasonCode IpProxy { get; } = new("IP_PROXY");
    public static ReasonCode IpHosting { get; } = new("IP_HOSTING");
    public static ReasonCode IpAnonymizer { get; } = new("IP_ANONYMIZER");
    public static ReasonCode IpRiskyReputation { get; } = new("IP_RISKY_REPUTATION");

    // Device integrity.
    public static ReasonCode DeviceSuspiciousAttribute { get; } = new("DEVICE_SUSPICIOUS_ATTRIBUTE");
    public static ReasonCode DeviceTimezoneMismatch { get; } = new("DEVICE_TIMEZONE_MISMATCH");
    public static ReasonCode DeviceIncognito { get; } = new("DEVICE_INCOGNITO");

    // Behavior.
    public static ReasonCode BehaviorBot { get; } = new("BEHAVIOR_BOT");

    // Label-driven reputation.
    public static ReasonCode UserLabeledFraud { get; } = new("USER_LABELED_FRAUD");
    public static ReasonCode UserLabeledSuspectedFraud { get; } = new("USER_LABELED_SUSPECTED_FRAUD");
    public static ReasonCode UserLabeledTakeover { get; } = new("USER_LABELED_TAKEOVER");
    public static ReasonCode DeviceLabeledFraud { get; } = new("DEVICE_LABELED_FRAUD");
    public static ReasonCode DeviceLabeledSuspectedFraud { get; } = new("DEVICE_LABELED_SUSPECTED_FRAUD");
    public static ReasonCode DeviceLabeledTakeover { get; } = new("DEVICE_LABELED_TAKEOVER");
    public static ReasonCode IpLabeledFraud { get; } = new("IP_LABELED_FRAUD");
    public static ReasonCode IpLabeledSuspectedFraud { get; } = new("IP_LABELED_SUSPECTED_FRAUD");

    // Campaigns and fraud rings.
    public static ReasonCode CampaignMember { get; } = new("CAMPAIGN_MEMBER");

    /// <summary>Every code the model emits, in documentation order.</summary>
    public static IReadOnlyList<ReasonCode> Known { get; } =
    [
        ProfileUserNew, ProfileUserInfrequent, ProfileCountryNew, ProfileNetworkNew, ProfileIpNew,
        ProfilePlatformNew, ProfileOsNew, ProfileBrowserNew, ProfileUserAgentNew, ProfileDeviceNew,
        IpRareInTenant,
        AccountNew,
        VelocityIpHigh, VelocityUserHigh, VelocityDeviceHigh, IpManyUsers, IpManyDevices, DeviceManyUsers, UserManyDevices,
        IpTor, IpVpn, IpProxy, IpHosting, IpAnonymizer, IpRiskyReputation,
        DeviceSuspiciousAttribute, DeviceTimezoneMismatch, DeviceIncognito,
        BehaviorBot,
        UserLabeledFraud, UserLabeledSuspectedFraud, UserLabeledTakeover,
        DeviceLabeledFraud, DeviceLabeledSuspectedFraud, DeviceLabeledTakeover,
        IpLabeledFraud, IpLabeledSuspectedFraud,
        CampaignMember,
    ];

    /// <summary>No reason: what a term that lowers the risk, or adds too little, carries.</summary>
    public static ReasonCode None => default;

    /// <summary>Whether this is <see cref="None"/>.</summary>
    public bool IsNone => _value is null;

    public string Value => _value ?? string.Empty;

    public static bool operator ==(ReasonCode left, ReasonCode right) => left.Equals(right);

    public static bool operator !=(ReasonCode left, ReasonCode right) => !left.Equals(right);

    public bool Equals(ReasonCode other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ReasonCode other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public override string ToString() => Value;
}
