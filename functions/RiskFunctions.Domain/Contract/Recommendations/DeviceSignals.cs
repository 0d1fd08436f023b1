using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Recommendations;

/// <summary>Device-relevant signals (<c>risk_signals.device</c>).</summary>
public sealed record DeviceSignals
{
    /// <summary>Device memory.</summary>
    [JsonPropertyName("ram")]
    public double? Ram { get; init; }

    /// <summary>Total storage, as received from the mobile native platform.</summary>
    [JsonPropertyName("total_storage")]
    public double? TotalStorage { get; init; }

    /// <summary>Available storage, as received from the mobile native platform.</summary>
    [JsonPropertyName("available_storage")]
    public double? AvailableStorage { get; init; }

    [JsonPropertyName("battery_level")]
    public double? BatteryLevel { get; init; }

    /// <summary>Whether the device is plugged into a power source.</summary>
    [JsonPropertyName("device_power_state")]
    public string? DevicePowerState { get; init; }

    [JsonPropertyName("core_number")]
    public double? CoreNumber { get; init; }

    /// <summary>Graphics card, as received from the web platform.</summary>
    [JsonPropertyName("graphic_card")]
    public string? GraphicCard { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("screen_width")]
    public double? ScreenWidth { get; init; }

    [JsonPropertyName("screen_height")]
    public double? ScreenHeight { get; init; }

    [JsonPropertyName("screen_pixel_depth")]
    public double? ScreenPixelDepth { get; init; }

    [JsonPropertyName("screen_color_depth")]
    public double? ScreenColorDepth { get; init; }

    [JsonPropertyName("screen_avail_width")]
    public double? ScreenAvailWidth { get; init; }

    [JsonPropertyName("screen_avail_height")]
    public double? ScreenAvailHeight { get; init; }

    /// <summary>Whether the event was performed using incognito browsing.</summary>
    [JsonPropertyName("incognito")]
    public bool? Incognito { get; init; }

    /// <summary>Whether the device is tampered (root or jailbreak).</summary>
    [JsonPropertyName("tampered")]
    public bool? Tampered { get; init; }

    [JsonPropertyName("emulated")]
    public bool? Emulated { get; init; }

    [JsonPropertyName("spoofed")]
    public bool? Spoofed { get; init; }

    /// <summary>Whether the device's timezone mismatches the expected one.</summary>
    [JsonPropertyName("tz_mismatch")]
    public bool? TzMismatch { get; init; }

    [JsonPropertyName("esim_usage")]
    public bool? EsimUsage { get; init; }

    /// <summary>The <c>Accept-Language</c> header of the action request.</summary>
    [JsonPropertyName("accept_languages")]
    public string? AcceptLanguages { get; init; }

    /// <summary>The mobile carrier's MCC and MNC.</summary>
    [JsonPropertyName("mobile_network_code")]
    public string? MobileNetworkCode { get; init; }

    [JsonPropertyName("font_count")]
    public double? FontCount { get; init; }

    [JsonPropertyName("cpu_arch")]
    public string? CpuArch { get; init; }

    [JsonPropertyName("navigator_useragent")]
    public string? NavigatorUserAgent { get; init; }

    /// <summary>User agent reconstructed by the SDK.</summary>
    [JsonPropertyName("true_useragent")]
    public string? TrueUserAgent { get; init; }

    /// <summary>Minutes from UTC.</summary>
    [JsonPropertyName("device_timezone_offset")]
    public double? DeviceTimezoneOffset { get; init; }

    /// <summary>Minutes from UTC during daylight saving time.</summary>
    [JsonPropertyName("summer_timezone_offset")]
    public double? SummerTimezoneOffset { get; init; }

    /// <summary>Minutes from UTC during standard time.</summary>
    [JsonPropertyName("winter_timezone_offset")]
    public double? WinterTimezoneOffset { get; init; }

    /// <summary>The user-set device name on iOS.</summary>
    [JsonPropertyName("device_name")]
    public string? DeviceName { get; init; }
}
