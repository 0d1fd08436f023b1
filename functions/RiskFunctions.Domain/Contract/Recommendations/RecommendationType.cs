using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Recommendations;

/// <summary>The recommendation the engine (or an overriding rule) produced for an action.</summary>
[JsonConverter(typeof(WireEnumConverter<RecommendationType>))]
public enum RecommendationType
{
    /// <summary>Let the action proceed.</summary>
    [JsonStringEnumMemberName("ALLOW")]
    Allow,

    /// <summary>Ask the user for a step-up challenge.</summary>
    [JsonStringEnumMemberName("CHALLENGE")]
    Challenge,

    /// <summary>Block the action.</summary>
    [JsonStringEnumMemberName("DENY")]
    Deny,

    /// <summary>The user is known on a known, trusted device: allow and reduce friction.</summary>
    [JsonStringEnumMemberName("TRUST")]
    Trust,
}
