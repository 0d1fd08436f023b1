using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Actions;

/// <summary>
/// The device and network context a caller reports with an action: the client-observable subset of the
/// recommendation's <c>context</c>. What can be derived (browser, OS, platform, IP geography and ASN) is
/// derived by the service, and identifiers such as tenant and action id are never taken from the caller.
/// </summary>
public sealed record TriggerActionContext
{
    /// <summary>The end user's IP address (IPv4 or IPv6), not the caller's backend.</summary>
    [JsonPropertyName("ip")]
    public string? Ip { get; init; }

    [JsonPropertyName("user_agent")]
    public string? UserAgent { get; init; }

    /// <summary>Persistent device identifier stored on the device (cookie, Android ID, identifierForVendor).</summary>
    [JsonPropertyName("device_id")]
    public string? DeviceId { get; init; }

    /// <summary>Hash of the device data collected from the browser or app.</summary>
    [JsonPropertyName("device_fingerprint")]
    public string? DeviceFingerprint { get; init; }

    /// <summary>Persistent identifier derived from cryptographic binding.</summary>
    [JsonPropertyName("device_public_key")]
    public string? DevicePublicKey { get; init; }

    /// <summary>IANA time zone of the device, e.g. <c>America/Los_Angeles</c>.</summary>
    [JsonPropertyName("device_timezone")]
    public string? DeviceTimezone { get; init; }

    /// <summary>Languages on the device, e.g. <c>en-US</c>.</summary>
    [JsonPropertyName("device_languages")]
    public IReadOnlyList<string>? DeviceLanguages { get; init; }

    /// <summary>Device clock (Unix epoch ms) when the action was triggered.</summary>
    [JsonPropertyName("device_timestamp")]
    public long? DeviceTimestamp { get; init; }

    /// <summary>Where in the application the action was performed (such as the page URL).</summary>
    [JsonPropertyName("location")]
    public string? Location { get; init; }
}
