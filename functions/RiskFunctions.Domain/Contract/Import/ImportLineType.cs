using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Import;

/// <summary>What one line of a historical import replays.</summary>
[JsonConverter(typeof(WireEnumConverter<ImportLineType>))]
public enum ImportLineType
{
    /// <summary>A past action, as <c>POST /action/trigger-action</c> would have reported it.</summary>
    [JsonStringEnumMemberName("action")]
    Action,

    /// <summary>The outcome of an imported action, as <c>POST /action/result</c> would have reported it.</summary>
    [JsonStringEnumMemberName("result")]
    Result,

    /// <summary>A past label, as <c>POST /label</c> would have reported it.</summary>
    [JsonStringEnumMemberName("label")]
    Label,
}
