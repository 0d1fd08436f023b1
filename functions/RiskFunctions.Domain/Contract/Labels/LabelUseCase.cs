using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Labels;

/// <summary>The fraud scenario a label belongs to.</summary>
[JsonConverter(typeof(WireEnumConverter<LabelUseCase>))]
public enum LabelUseCase
{
    [JsonStringEnumMemberName("ACCOUNT_TAKEOVER")]
    AccountTakeover,

    [JsonStringEnumMemberName("FIRST_PARTY_FRAUD")]
    FirstPartyFraud,

    [JsonStringEnumMemberName("IDENTITY_THEFT")]
    IdentityTheft,

    [JsonStringEnumMemberName("MONEY_MULE")]
    MoneyMule,

    [JsonStringEnumMemberName("BOT_ATTACK")]
    BotAttack,

    [JsonStringEnumMemberName("SYNTHETIC_IDENTITY")]
    SyntheticIdentity,

    [JsonStringEnumMemberName("SOCIAL_ENGINEERING")]
    SocialEngineering,
}
