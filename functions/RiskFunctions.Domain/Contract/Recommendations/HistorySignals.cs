using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Recommendations;

/// <summary>User-history signals (<c>risk_signals.history</c>), computed from stored actions.</summary>
public sealed record HistorySignals
{
    /// <summary>Actions from the same client IP within the 60 seconds before this one.</summary>
    [JsonPropertyName("ip_action_rate_60_sec")]
    public int? IpActionRate60Sec { get; init; }

    /// <summary>Actions with the same <c>user_id</c> within the 60 seconds before this one.</summary>
    [JsonPropertyName("user_action_rate_60_sec")]
    public int? UserActionRate60Sec { get; init; }

    /// <summary>Actions from the same <c>device_id</c> within the 60 seconds before this one.</summary>
    [JsonPropertyName("device_action_rate_60_sec")]
    public int? DeviceActionRate60Sec { get; init; }

    /// <summary>Distinct users seen on the IP address within the previous hour.</summary>
    [JsonPropertyName("ip_user_count_last_hour")]
    public int? IpUserCountLastHour { get; init; }

    /// <summary>Distinct devices seen on the IP address within the previous hour.</summary>
    [JsonPropertyName("ip_device_count_last_hour")]
    public int? IpDeviceCountLastHour { get; init; }

    /// <summary>Distinct users associated with this device.</summary>
    [JsonPropertyName("linking_device_to_users_count")]
    public int? LinkingDeviceToUsersCount { get; init; }

    /// <summary>Distinct devices associated with this user.</summary>
    [JsonPropertyName("linking_user_to_device_count")]
    public int? LinkingUserToDeviceCount { get; init; }
}
