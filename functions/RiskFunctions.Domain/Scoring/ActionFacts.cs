namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// What the engine knows about one action once the request has been validated and enriched: identities,
/// the network and client it came from, the flags reported with it and when it happened. Wire types are
/// mapped onto this at the edge so the model never depends on the transport shape.
/// </summary>
public sealed record ActionFacts
{
    /// <summary>The action type as reported (<c>login</c>, <c>register</c>, ... or a custom name), lower case.</summary>
    public required string ActionType { get; init; }

    /// <summary>
    /// The user the action is about: the authenticated <c>user_id</c> or, before authentication, the
    /// <c>claimed_user_id</c>. <c>null</c> for an anonymous action.
    /// </summary>
    public string? UserId { get; init; }

    /// <summary>Whether <see cref="UserId"/> is an authenticated id rather than a claimed one.</summary>
    public bool UserIsAuthenticated { get; init; }

    public string? DeviceId { get; init; }

    public string? DeviceFingerprint { get; init; }

    public string? DevicePublicKey { get; init; }

    public NetworkFacts Network { get; init; }

    public ClientFacts Client { get; init; }

    public DeviceRiskFlags DeviceFlags { get; init; }

    public NetworkRiskFlags NetworkFlags { get; init; }

    public BehaviorFacts Behavior { get; init; }

    /// <summary>When the action happened: the server clock at trigger time, or the original time of an import.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>The network an action came from, after IP intelligence.</summary>
/// <param name="Ip">Canonical text form of the client IP, or <c>null</c> when none was reported.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country of the IP, upper case, when known.</param>
/// <param name="Asn">Autonomous system id (<c>AS174</c>), when known.</param>
public readonly record struct NetworkFacts(string? Ip, string? Country, string? Asn);

/// <summary>The client an action came from, after user-agent parsing.</summary>
/// <param name="UserAgent">The raw user-agent string, or <c>null</c> when none was reported.</param>
/// <param name="Platform">Device platform (<c>desktop</c>, <c>mobile</c>, <c>tablet</c>, ...).</param>
/// <param name="OsName">Operating system name.</param>
/// <param name="OsVersion">Operating system version as the parser reports it.</param>
/// <param name="BrowserName">Browser name.</param>
/// <param name="BrowserVersion">Browser major version.</param>
/// <param name="IsAutomation">Whether the user agent is a known bot, crawler or automation tool.</param>
public readonly record struct ClientFacts(
    string? UserAgent,
    string? Platform,
    string? OsName,
    string? OsVersion,
    string? BrowserName,
    string? BrowserVersion,
    bool IsAutomation);

/// <summary>Device-integrity flags reported with an action (<c>risk_signals.device</c>).</summary>
[Flags]
public enum DeviceRiskFlags
{
    None = 0,
    Tampered = 1,
    Emulated = 2,
    Spoofed = 4,
    TimezoneMismatch = 8,
    Incognito = 16,
}

/// <summary>
/// Network flags: those reported with an action (<c>risk_signals.network</c>) and those IP intelligence
/// derives (<see cref="RiskyReputation"/> from a risky-IP list, <see cref="Hosting"/> from the organization type).
/// </summary>
[Flags]
public enum NetworkRiskFlags
{
    None = 0,
    Vpn = 1,
    Tor = 2,
    Proxy = 4,
    Hosting = 8,
    Anonymizer = 16,
    RiskyReputation = 32,
}

/// <summary>User-behavior figures reported with an action (<c>risk_signals.behavior</c>); absent values are <c>null</c>.</summary>
/// <param name="NoUserInteraction">Whether there was no user interaction before clicks.</param>
/// <param name="StraightLineRatio">Share of straight-line pointer movements, 0..1.</param>
/// <param name="CornerClick">Whether buttons were clicked repeatedly on their corners.</param>
/// <param name="MovementLatencyMs">Median delay of pointer movements in milliseconds.</param>
/// <param name="TypingVelocity">Percentile of typing speed, 0..1.</param>
public readonly record struct BehaviorFacts(
    bool? NoUserInteraction,
    double? StraightLineRatio,
    bool? CornerClick,
    double? MovementLatencyMs,
    double? TypingVelocity);
