using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Recommendations;

/// <summary>User-behavior-relevant signals (<c>risk_signals.behavior</c>).</summary>
public sealed record BehaviorSignals
{
    /// <summary>Percentile of user typing speed.</summary>
    [JsonPropertyName("typing_velocity")]
    public double? TypingVelocity { get; init; }

    /// <summary>Input events per second.</summary>
    [JsonPropertyName("movement_velocity")]
    public double? MovementVelocity { get; init; }

    /// <summary>Input methods used, e.g. <c>is_typing</c>, <c>is_paste</c>, <c>is_password_manager</c> (an open set).</summary>
    [JsonPropertyName("input_method")]
    public IReadOnlyList<string>? InputMethod { get; init; }

    /// <summary>Whether there was no user interaction before clicks.</summary>
    [JsonPropertyName("no_user_interaction")]
    public bool? NoUserInteraction { get; init; }

    [JsonPropertyName("straight_line_ratio")]
    public double? StraightLineRatio { get; init; }

    /// <summary>Ratio of right-angle movements (the contract's spelling is kept).</summary>
    [JsonPropertyName("right_angels_ratio")]
    public double? RightAngelsRatio { get; init; }

    /// <summary>Ratio of minor-angle movements (the contract's spelling is kept).</summary>
    [JsonPropertyName("minor_angels_ratio")]
    public double? MinorAngelsRatio { get; init; }

    /// <summary>Median delay of mouse or touch movements, in ms.</summary>
    [JsonPropertyName("movement_latency")]
    public double? MovementLatency { get; init; }

    /// <summary>Whether there were multiple clicks on the corner of a button.</summary>
    [JsonPropertyName("corner_click")]
    public bool? CornerClick { get; init; }
}
