using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Recommendations;

namespace RiskFunctions.Domain.Contract.Actions;

/// <summary>
/// The signals a caller may report with an action. <c>history</c> is absent on purpose: it is computed by the
/// service from stored actions and a caller-supplied one is ignored.
/// </summary>
public sealed record ClientRiskSignals
{
    [JsonPropertyName("device")]
    public DeviceSignals? Device { get; init; }

    [JsonPropertyName("network")]
    public NetworkSignals? Network { get; init; }

    [JsonPropertyName("behavior")]
    public BehaviorSignals? Behavior { get; init; }
}
