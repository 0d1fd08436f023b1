namespace RiskFunctions.Domain.Scoring.Learning;

/// <summary>
/// The slots of the feature vector a learned model reads (<see cref="RiskFeatureExtractor"/>). The order is
/// the model's schema: a stored model lists the names it was trained on and is refused when they differ.
/// Slots are only ever appended.
/// </summary>
public enum RiskFeature
{
    // The hand-tuned model's explainable terms: their log-odds for this action, 0 when absent.
    ProfileCountry,
    ProfileAsn,
    ProfileIp,
    ProfilePlatform,
    ProfileOs,
    ProfileBrowser,
    ProfileUserAgent,
    ProfileDevice,
    TenantRarity,
    UserPrior,
    NewUser,
    NewAccount,
    Tor,
    Vpn,
    Proxy,
    Hosting,
    Anonymizer,
    RiskyIp,
    Tampered,
    Emulated,
    Spoofed,
    TimezoneMismatch,
    Incognito,
    NoUserInteraction,
    AutomationUserAgent,
    BotLikeMovement,
    UserReputation,
    DeviceReputation,
    FingerprintReputation,
    PublicKeyReputation,
    IpReputation,

    // Velocity and linking counts, ln(1 + count), so the model sees them below the hand-tuned thresholds too.
    IpActionRate60Sec,
    UserActionRate60Sec,
    DeviceActionRate60Sec,
    IpUserCountLastHour,
    IpDeviceCountLastHour,
    DeviceUserCount,
    UserDeviceCount,
    SameSecondIpActions,
    SameSecondUserActions,
    SameSecondDeviceActions,
    NewAccountsOnIpLastHour,
    NewAccountsOnDeviceLastHour,

    // Reputation reached through links: labeled-fraud users of the address or device.
    LinkedFraudOnIp,
    LinkedFraudOnDevice,

    /// <summary>ln(1 + seconds since the user's first trusted action); 0 for a user never seen.</summary>
    AccountAge,

    /// <summary>ln(1 + seconds since the user's latest trusted action); −1 for a user never seen.</summary>
    SincePreviousAction,

    /// <summary>ln(1 + the user's trusted actions).</summary>
    ProfileActions,

    /// <summary>ln(1 + trusted actions of the whole tenant from this IP address).</summary>
    IpTenantActions,

    // What kind of action it is: 1 or 0.
    ActionRegister,
    ActionLogin,
    ActionSensitive,
}
