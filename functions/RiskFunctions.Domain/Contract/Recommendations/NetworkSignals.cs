using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Recommendations;

/// <summary>Network-relevant signals (<c>risk_signals.network</c>).</summary>
public sealed record NetworkSignals
{
    [JsonPropertyName("vpn")]
    public bool? Vpn { get; init; }

    [JsonPropertyName("tor")]
    public bool? Tor { get; init; }

    /// <summary>Whether the event came from a hosting provider.</summary>
    [JsonPropertyName("hosting")]
    public bool? Hosting { get; init; }

    [JsonPropertyName("proxy")]
    public bool? Proxy { get; init; }

    [JsonPropertyName("anonymizer")]
    public bool? Anonymizer { get; init; }

    /// <summary>The <c>X-Forwarded-For</c> chain of intermediate proxies.</summary>
    [JsonPropertyName("x_forwarded_for")]
    public IReadOnlyList<string>? XForwardedFor { get; init; }
}
