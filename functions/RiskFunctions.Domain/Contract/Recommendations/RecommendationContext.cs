using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Recommendations;

/// <summary>
/// The context in which the action occurred (<c>context</c>): what the client reported plus what the service
/// derived (IP intelligence, user-agent parsing). The identifiers the contract requires in a recommendation
/// are required here.
/// </summary>
public sealed record RecommendationContext
{
    /// <summary>Identifier of the client action.</summary>
    [JsonPropertyName("action_id")]
    public required string ActionId { get; init; }

    /// <summary>Type of client action (predefined in <see cref="Actions.ActionTypes"/>, or custom).</summary>
    [JsonPropertyName("action_type")]
    public required string ActionType { get; init; }

    /// <summary>Unix epoch time in milliseconds the action event was reported.</summary>
    [JsonPropertyName("action_performed_at")]
    public required long ActionPerformedAt { get; init; }

    /// <summary>Device clock (Unix epoch ms) when the action was triggered; server time for backend-triggered actions.</summary>
    [JsonPropertyName("device_timestamp")]
    public long? DeviceTimestamp { get; init; }

    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    [JsonPropertyName("application_id")]
    public required string ApplicationId { get; init; }

    [JsonPropertyName("tenant_id")]
    public string? TenantId { get; init; }

    [JsonPropertyName("device_id")]
    public required string DeviceId { get; init; }

    /// <summary>Any ID relating the action to external context or a session.</summary>
    [JsonPropertyName("correlation_id")]
    public string? CorrelationId { get; init; }

    /// <summary>Hash of the device data collected from the browser or app.</summary>
    [JsonPropertyName("device_fingerprint")]
    public required string DeviceFingerprint { get; init; }

    /// <summary>Persistent identifier derived from cryptographic binding.</summary>
    [JsonPropertyName("device_public_key")]
    public string? DevicePublicKey { get; init; }

    /// <summary>Opaque identifier of the authenticated user.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    /// <summary>User ID of a not-yet-authenticated user.</summary>
    [JsonPropertyName("claimed_user_id")]
    public string? ClaimedUserId { get; init; }

    /// <summary>Where in the application the action was performed (such as the page URL).</summary>
    [JsonPropertyName("location")]
    public string? Location { get; init; }

    [JsonPropertyName("ip")]
    public string? Ip { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country of the IP address.</summary>
    [JsonPropertyName("ip_country")]
    public string? IpCountry { get; init; }

    [JsonPropertyName("ip_location_region")]
    public string? IpLocationRegion { get; init; }

    [JsonPropertyName("ip_domain")]
    public string? IpDomain { get; init; }

    [JsonPropertyName("ip_location_city")]
    public string? IpLocationCity { get; init; }

    [JsonPropertyName("ip_location_zip")]
    public string? IpLocationZip { get; init; }

    /// <summary>Longitude as a decimal string, as the contract spells it.</summary>
    [JsonPropertyName("ip_location_longitude")]
    public string? IpLocationLongitude { get; init; }

    /// <summary>Latitude as a decimal string, as the contract spells it.</summary>
    [JsonPropertyName("ip_location_latitude")]
    public string? IpLocationLatitude { get; init; }

    /// <summary>Autonomous system, e.g. <c>AS174</c>.</summary>
    [JsonPropertyName("ip_asn_id")]
    public string? IpAsnId { get; init; }

    [JsonPropertyName("ip_asn_name")]
    public string? IpAsnName { get; init; }

    [JsonPropertyName("ip_organization_name")]
    public string? IpOrganizationName { get; init; }

    /// <summary>Type of IP connection, e.g. <c>isp</c>, <c>hosting</c>, <c>business</c>.</summary>
    [JsonPropertyName("ip_organization_type")]
    public string? IpOrganizationType { get; init; }

    [JsonPropertyName("ip_location_timezone")]
    public string? IpLocationTimezone { get; init; }

    [JsonPropertyName("device_timezone")]
    public string? DeviceTimezone { get; init; }

    [JsonPropertyName("device_languages")]
    public IReadOnlyList<string>? DeviceLanguages { get; init; }

    /// <summary>Type of device platform, e.g. <c>desktop</c>, <c>mobile</c>, <c>tablet</c>.</summary>
    [JsonPropertyName("device_platform")]
    public string? DevicePlatform { get; init; }

    [JsonPropertyName("os_name")]
    public string? OsName { get; init; }

    [JsonPropertyName("os_version")]
    public string? OsVersion { get; init; }

    [JsonPropertyName("browser_name")]
    public string? BrowserName { get; init; }

    /// <summary>Browser major version.</summary>
    [JsonPropertyName("browser_version")]
    public string? BrowserVersion { get; init; }

    [JsonPropertyName("user_agent")]
    public string? UserAgent { get; init; }

    /// <summary>The campaign the action continues, when it matched one that was active (reason <c>CAMPAIGN_MEMBER</c>).</summary>
    [JsonPropertyName("campaign_id")]
    public string? CampaignId { get; init; }
}
