using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Domain.Rules.Engine;

/// <summary>
/// The facts of one action that rules can match on. Absent facts are <see langword="null"/> and match nothing.
/// </summary>
/// <remarks>
/// Independent of the wire contract on purpose: the caller builds it from whatever it has (request context,
/// enrichment results) and the engine never needs to know. <see cref="BrowserName"/> and
/// <see cref="OsVersion"/> are the user agent enrichment's normalized values; they are compared
/// case-insensitively. <see cref="CountryCode"/> is the IP's ISO 3166-1 alpha-2 country, in any letter case.
/// </remarks>
public readonly record struct RuleFacts
{
    /// <summary>The client address; IPv4-mapped IPv6 addresses are IPv4 (as <see cref="IpAddressValue"/> parses them).</summary>
    public IpAddressValue? Ip { get; init; }

    public string? DeviceId { get; init; }

    public string? DeviceFingerprint { get; init; }

    public string? DevicePublicKey { get; init; }

    public string? UserId { get; init; }

    public string? CountryCode { get; init; }

    public string? BrowserName { get; init; }

    public string? OsVersion { get; init; }
}
