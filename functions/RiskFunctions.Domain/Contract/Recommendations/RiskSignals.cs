using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Recommendations;

/// <summary>Additional informative signals derived from the action (<c>risk_signals</c>).</summary>
public sealed record RiskSignals
{
    [JsonPropertyName("device")]
    public DeviceSignals? Device { get; init; }

    [JsonPropertyName("network")]
    public NetworkSignals? Network { get; init; }

    [JsonPropertyName("behavior")]
    public BehaviorSignals? Behavior { get; init; }

    /// <summary>Computed by the service from stored actions; never taken from the client.</summary>
    [JsonPropertyName("history")]
    public HistorySignals? History { get; init; }
}
