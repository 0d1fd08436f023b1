using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>The recommendation a rule applies when it matches.</summary>
[JsonConverter(typeof(WireEnumConverter<RuleRecommendationType>))]
public enum RuleRecommendationType
{
    [JsonStringEnumMemberName("CHALLENGE")]
    Challenge,

    [JsonStringEnumMemberName("DENY")]
    Deny,

    [JsonStringEnumMemberName("TRUST")]
    Trust,
}
