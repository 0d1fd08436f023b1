namespace RiskFunctions.Domain.Scoring.Learning;

/// <summary>The feature schema: how many slots, their names, and the model term each one explains.</summary>
public static class RiskFeatures
{
    /// <summary>Slots in a feature vector.</summary>
    public const int Count = (int)RiskFeature.ActionSensitive + 1;

    private static readonly string[] NamesInOrder = BuildNames();

    /// <summary>The slot names in order: the schema a model is stored with.</summary>
    public static IReadOnlyList<string> Names => NamesInOrder;

    public static string Name(RiskFeature feature) => NamesInOrder[(int)feature];

    /// <summary>
    /// The term of the score a slot's contribution is reported under, so a learned model explains itself
    /// with the same factors and reason codes as the hand-tuned one. The kind of action has no reason of
    /// its own: it moves the starting point.
    /// </summary>
    public static ScoreFactor Factor(RiskFeature feature) => feature switch
    {
        RiskFeature.ProfileCountry => ScoreFactor.ProfileCountry,
        RiskFeature.ProfileAsn => ScoreFactor.ProfileAsn,
        RiskFeature.ProfileIp => ScoreFactor.ProfileIp,
        RiskFeature.ProfilePlatform => ScoreFactor.ProfilePlatform,
        RiskFeature.ProfileOs => ScoreFactor.ProfileOs,
        RiskFeature.ProfileBrowser => ScoreFactor.ProfileBrowser,
        RiskFeature.ProfileUserAgent => ScoreFactor.ProfileUserAgent,
        RiskFeature.ProfileDevice => ScoreFactor.ProfileDevice,
        RiskFeature.TenantRarity or RiskFeature.IpTenantActions => ScoreFactor.TenantRarity,
        RiskFeature.UserPrior or RiskFeature.ProfileActions => ScoreFactor.UserPrior,
        RiskFeature.NewUser => ScoreFactor.NewUser,
        RiskFeature.NewAccount or RiskFeature.AccountAge => ScoreFactor.NewAccount,
        RiskFeature.Tor => ScoreFactor.Tor,
        RiskFeature.Vpn => ScoreFactor.Vpn,
        RiskFeature.Proxy => ScoreFactor.Proxy,
        RiskFeature.Hosting => ScoreFactor.Hosting,
        RiskFeature.Anonymizer => ScoreFactor.Anonymizer,
        RiskFeature.RiskyIp => ScoreFactor.RiskyIp,
        RiskFeature.Tampered => ScoreFactor.Tampered,
        RiskFeature.Emulated => ScoreFactor.Emulated,
        RiskFeature.Spoofed => ScoreFactor.Spoofed,
        RiskFeature.TimezoneMismatch => ScoreFactor.TimezoneMismatch,
        RiskFeature.Incognito => ScoreFactor.Incognito,
        RiskFeature.NoUserInteraction => ScoreFactor.NoUserInteraction,
        RiskFeature.AutomationUserAgent => ScoreFactor.AutomationUserAgent,
        RiskFeature.BotLikeMovement => ScoreFactor.BotLikeMovement,
        RiskFeature.UserReputation => ScoreFactor.UserReputation,
        RiskFeature.DeviceReputation or RiskFeature.LinkedFraudOnDevice => ScoreFactor.DeviceReputation,
        RiskFeature.FingerprintReputation => ScoreFactor.FingerprintReputation,
        RiskFeature.PublicKeyReputation => ScoreFactor.PublicKeyReputation,
        RiskFeature.IpReputation or RiskFeature.LinkedFraudOnIp => ScoreFactor.IpReputation,
        RiskFeature.IpActionRate60Sec or RiskFeature.SameSecondIpActions => ScoreFactor.VelocityIp,
        RiskFeature.UserActionRate60Sec or RiskFeature.SameSecondUserActions or RiskFeature.SincePreviousAction => ScoreFactor.VelocityUser,
        RiskFeature.DeviceActionRate60Sec or RiskFeature.SameSecondDeviceActions => ScoreFactor.VelocityDevice,
        RiskFeature.IpUserCountLastHour or RiskFeature.NewAccountsOnIpLastHour => ScoreFactor.IpUsers,
        RiskFeature.IpDeviceCountLastHour => ScoreFactor.IpDevices,
        RiskFeature.DeviceUserCount or RiskFeature.NewAccountsOnDeviceLastHour => ScoreFactor.DeviceUsers,
        RiskFeature.UserDeviceCount => ScoreFactor.UserDevices,
        RiskFeature.ActionRegister or RiskFeature.ActionLogin or RiskFeature.ActionSensitive => ScoreFactor.Prior,
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "Unknown feature."),
    };

    /// <summary>
    /// The reason a factor reports when it raises the risk under a learned model and the hand-tuned term
    /// named none for this action (a term the hand-tuned model scores 0, such as a young account past its
    /// seven days, or an address a labeled user used).
    /// </summary>
    public static ReasonCode DefaultReason(ScoreFactor factor) => factor switch
    {
        ScoreFactor.ProfileCountry => ReasonCode.ProfileCountryNew,
        ScoreFactor.ProfileAsn => ReasonCode.ProfileNetworkNew,
        ScoreFactor.ProfileIp => ReasonCode.ProfileIpNew,
        ScoreFactor.ProfilePlatform => ReasonCode.ProfilePlatformNew,
        ScoreFactor.ProfileOs => ReasonCode.ProfileOsNew,
        ScoreFactor.ProfileBrowser => ReasonCode.ProfileBrowserNew,
        ScoreFactor.ProfileUserAgent => ReasonCode.ProfileUserAgentNew,
        ScoreFactor.ProfileDevice => ReasonCode.ProfileDeviceNew,
        ScoreFactor.UserPrior => ReasonCode.ProfileUserInfrequent,
        ScoreFactor.NewUser => ReasonCode.ProfileUserNew,
        ScoreFactor.NewAccount => ReasonCode.AccountNew,
        ScoreFactor.VelocityIp => ReasonCode.VelocityIpHigh,
        ScoreFactor.VelocityUser => ReasonCode.VelocityUserHigh,
        ScoreFactor.VelocityDevice => ReasonCode.VelocityDeviceHigh,
        ScoreFactor.IpUsers => ReasonCode.IpManyUsers,
        ScoreFactor.IpDevices => ReasonCode.IpManyDevices,
        ScoreFactor.DeviceUsers => ReasonCode.DeviceManyUsers,
        ScoreFactor.UserDevices => ReasonCode.UserManyDevices,
        ScoreFactor.Tor => ReasonCode.IpTor,
        ScoreFactor.Vpn => ReasonCode.IpVpn,
        ScoreFactor.Proxy => ReasonCode.IpProxy,
        ScoreFactor.Hosting => ReasonCode.IpHosting,
        ScoreFactor.Anonymizer => ReasonCode.IpAnonymizer,
        ScoreFactor.RiskyIp => ReasonCode.IpRiskyReputation,
        ScoreFactor.Tampered or ScoreFactor.Emulated or ScoreFactor.Spoofed => ReasonCode.DeviceSuspiciousAttribute,
        ScoreFactor.TimezoneMismatch => ReasonCode.DeviceTimezoneMismatch,
        ScoreFactor.Incognito => ReasonCode.DeviceIncognito,
        ScoreFactor.NoUserInteraction or ScoreFactor.AutomationUserAgent or ScoreFactor.BotLikeMovement => ReasonCode.BehaviorBot,
        ScoreFactor.UserReputation => ReasonCode.UserLabeledFraud,
        ScoreFactor.DeviceReputation or ScoreFactor.FingerprintReputation or ScoreFactor.PublicKeyReputation => ReasonCode.DeviceLabeledFraud,
        ScoreFactor.IpReputation => ReasonCode.IpLabeledFraud,
        ScoreFactor.TenantRarity => ReasonCode.IpRareInTenant,
        _ => ReasonCode.None,
    };

    private static string[] BuildNames()
    {
        var names = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            names[i] = ((RiskFeature)i).ToString();
        }

        return names;
    }
}
