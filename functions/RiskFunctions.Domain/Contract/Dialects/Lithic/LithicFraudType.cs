using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Lithic;

/// <summary>Type of fraud of a Lithic transaction report.</summary>
[JsonConverter(typeof(WireEnumConverter<LithicFraudType>))]
public enum LithicFraudType
{
    [JsonStringEnumMemberName("FIRST_PARTY_FRAUD")]
    FirstPartyFraud,

    [JsonStringEnumMemberName("ACCOUNT_TAKEOVER")]
    AccountTakeover,

    [JsonStringEnumMemberName("CARD_COMPROMISED")]
    CardCompromised,

    [JsonStringEnumMemberName("IDENTITY_THEFT")]
    IdentityTheft,

    [JsonStringEnumMemberName("CARDHOLDER_MANIPULATION")]
    CardholderManipulation,
}
