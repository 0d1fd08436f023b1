using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Labels;

/// <summary>A recommendation a fraud ring's actions must have received to be labeled (lower-case on the wire).</summary>
[JsonConverter(typeof(WireEnumConverter<LabelRecommendationFilter>))]
public enum LabelRecommendationFilter
{
    [JsonStringEnumMemberName("allow")]
    Allow,

    [JsonStringEnumMemberName("trust")]
    Trust,

    [JsonStringEnumMemberName("challenge")]
    Challenge,

    [JsonStringEnumMemberName("deny")]
    Deny,
}
