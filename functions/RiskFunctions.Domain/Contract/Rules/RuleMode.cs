using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>Whether a rule decides recommendations or is only simulated beside them.</summary>
[JsonConverter(typeof(WireEnumConverter<RuleMode>))]
public enum RuleMode
{
    /// <summary>Simulated: a match is reported in <c>preview_rule</c> and changes nothing.</summary>
    [JsonStringEnumMemberName("PREVIEW")]
    Preview,

    /// <summary>Live: the first matching production rule overrides the model's recommendation.</summary>
    [JsonStringEnumMemberName("PRODUCTION")]
    Production,
}
