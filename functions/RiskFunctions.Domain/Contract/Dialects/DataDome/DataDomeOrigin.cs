using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.DataDome;

/// <summary>The system that triggered the decision (DataDome Account Protect feedback).</summary>
[JsonConverter(typeof(WireEnumConverter<DataDomeOrigin>))]
public enum DataDomeOrigin
{
    [JsonStringEnumMemberName("manualReview")]
    ManualReview,

    [JsonStringEnumMemberName("chargebacks")]
    Chargebacks,

    [JsonStringEnumMemberName("automatedRule")]
    AutomatedRule,

    [JsonStringEnumMemberName("dashboard")]
    Dashboard,

    [JsonStringEnumMemberName("datadome")]
    DataDome,

    [JsonStringEnumMemberName("other")]
    Other,
}
