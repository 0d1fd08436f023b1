using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>
/// The activity field a rule matches on. The contract allows exactly one of these lists per rule; unknown
/// keys are rejected while reading, so a misspelled matcher cannot silently match nothing.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record Matcher
{
    /// <summary>IP ranges in CIDR notation (IPv4 or IPv6).</summary>
    [JsonPropertyName("ip_cidrs")]
    public IReadOnlyList<string>? IpCidrs { get; init; }

    [JsonPropertyName("device_ids")]
    public IReadOnlyList<string>? DeviceIds { get; init; }

    [JsonPropertyName("device_fingerprints")]
    public IReadOnlyList<string>? DeviceFingerprints { get; init; }

    [JsonPropertyName("device_public_keys")]
    public IReadOnlyList<string>? DevicePublicKeys { get; init; }

    [JsonPropertyName("user_ids")]
    public IReadOnlyList<string>? UserIds { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country codes.</summary>
    [JsonPropertyName("country_codes")]
    public IReadOnlyList<string>? CountryCodes { get; init; }

    /// <summary>Browser names as the service's user-agent parser reports them, e.g. <c>yandex</c>, <c>electron</c>.</summary>
    [JsonPropertyName("browser_names")]
    public IReadOnlyList<string>? BrowserNames { get; init; }

    /// <summary>OS versions as the service's user-agent parser reports them, e.g. <c>14.4.2</c>.</summary>
    [JsonPropertyName("os_versions")]
    public IReadOnlyList<string>? OsVersions { get; init; }
}
