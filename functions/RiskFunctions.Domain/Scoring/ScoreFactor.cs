namespace RiskFunctions.Domain.Scoring;

/// <summary>The model terms a <see cref="ScoreContribution"/> can come from.</summary>
public enum ScoreFactor
{
    /// <summary>Log-odds every action starts from.</summary>
    Prior = 0,

    // Freeman et al. likelihood ratios, one per hierarchy level or device identifier.
    ProfileCountry,
    ProfileAsn,
    ProfileIp,
    ProfilePlatform,
    ProfileOs,
    ProfileBrowser,
    ProfileUserAgent,
    ProfileDevice,

    /// <summary>Freeman's p(u | attack) / p(u | legit): rarely seen users are likelier targets.</summary>
    UserPrior,
    NewUser,
    NewAccount,

    VelocityIp,
    VelocityUser,
    VelocityDevice,
    IpUsers,
    IpDevices,
    DeviceUsers,
    UserDevices,

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

    /// <summary>Rarity in the tenant of a network the user never showed (<see cref="TenantRarityTerms"/>).</summary>
    TenantRarity,
}
