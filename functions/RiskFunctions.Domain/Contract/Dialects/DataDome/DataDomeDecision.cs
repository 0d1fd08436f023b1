using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.DataDome;

/// <summary>The decision that should have been taken (DataDome Account Protect feedback).</summary>
[JsonConverter(typeof(WireEnumConverter<DataDomeDecision>))]
public enum DataDomeDecision
{
    [JsonStringEnumMemberName("allow")]
    Allow,

    [JsonStringEnumMemberName("challenge")]
    Challenge,

    [JsonStringEnumMemberName("review")]
    Review,

    [JsonStringEnumMemberName("deny")]
    Deny,

    /// <summary>Retracts earlier feedback about the same event, account or user.</summary>
    [JsonStringEnumMemberName("delete")]
    Delete,
}
