using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Labels;

/// <summary>How far a label's propagation to affected actions and entity reputations has come.</summary>
[JsonConverter(typeof(WireEnumConverter<LabelPropagationState>))]
public enum LabelPropagationState
{
    /// <summary>Stored; propagation not started yet.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Propagation is under way.</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Every affected action and entity has been updated.</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>Propagation gave up; the label itself is stored and its direct reputation effect applies.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
