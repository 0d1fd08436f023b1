using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Domain.Campaigns;

/// <summary>The attacks a campaign can be.</summary>
public enum CampaignKind
{
    /// <summary>Many users' logins failing from one network or client family.</summary>
    CredentialStuffing,

    /// <summary>Many new accounts from one fingerprint, client family or network.</summary>
    BotRegistration,

    /// <summary>Many small payments across cards from few devices.</summary>
    CardTesting,
}

/// <summary>Codes, threats and the actions each <see cref="CampaignKind"/> covers.</summary>
public static class CampaignKinds
{
    public static IReadOnlyList<CampaignKind> All { get; } = Enum.GetValues<CampaignKind>();

    /// <summary>Never change an existing code: it is stored and answered.</summary>
    public static string Code(this CampaignKind kind) => kind switch
    {
        CampaignKind.CredentialStuffing => "credential_stuffing",
        CampaignKind.BotRegistration => "bot_registration",
        CampaignKind.CardTesting => "card_testing",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown campaign kind."),
    };

    public static CampaignKind? FromCode(string? code) => All.Where(kind => kind.Code() == code).Select(kind => (CampaignKind?)kind).FirstOrDefault();

    /// <summary>The threat a member action carries.</summary>
    public static ThreatCode Threat(this CampaignKind kind) => kind switch
    {
        CampaignKind.CredentialStuffing => ThreatCode.CredentialStuffing,
        CampaignKind.CardTesting => ThreatCode.CardTesting,
        _ => ThreatCode.BotAttack,
    };

    /// <summary>Whether an action of <paramref name="actionType"/> can be part of such a campaign.</summary>
    public static bool Covers(this CampaignKind kind, string actionType) => kind switch
    {
        CampaignKind.CredentialStuffing => actionType == ActionTypes.Login,
        CampaignKind.BotRegistration => actionType == ActionTypes.Register,
        CampaignKind.CardTesting => actionType is ActionTypes.Transaction or ActionTypes.Checkout,
        _ => false,
    };
}
