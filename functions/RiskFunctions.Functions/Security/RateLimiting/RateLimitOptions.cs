using System.ComponentModel.DataAnnotations;

namespace RiskFunctions.Functions.Security.RateLimiting;

/// <summary>
/// Request limits (section <c>Security:RateLimits</c>). The limiters live in each instance's memory:
/// with N instances a client can reach N times these numbers (see docs/SECURITY.md).
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Security:RateLimits";

    /// <summary>The per-client token bucket of a tenant without its own entry.</summary>
    [Required]
    public ClientRateLimit Default { get; set; } = new();

    /// <summary>Per-tenant overrides by tenant id: <c>Security:RateLimits:Tenants:acme:PermitsPerSecond</c>.</summary>
    public IDictionary<string, ClientRateLimit> Tenants { get; } = new Dictionary<string, ClientRateLimit>(StringComparer.Ordinal);

    /// <summary>Limits of <c>POST /oidc/token</c>, which guard client secrets against guessing.</summary>
    [Required]
    public TokenEndpointRateLimit TokenEndpoint { get; set; } = new();

    public ClientRateLimit For(string tenantId) => Tenants.TryGetValue(tenantId, out var limit) ? limit : Default;
}

/// <summary>A token bucket: <see cref="Burst"/> requests at once, refilled at <see cref="PermitsPerSecond"/>.</summary>
public sealed class ClientRateLimit
{
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 100;

    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 200;
}

/// <summary>Token endpoint limits: requests per source address and per client id.</summary>
public sealed class TokenEndpointRateLimit
{
    /// <summary>Token requests per minute from one source address (a client needs one per hour).</summary>
    [Range(1, 100_000)]
    public int RequestsPerAddressPerMinute { get; set; } = 30;

    /// <summary>
    /// Token requests per minute for one client id, whatever their outcome. A client needs one token an
    /// hour; an attacker guessing its secret gets this many guesses a minute from all addresses together.
    /// </summary>
    [Range(1, 100_000)]
    public int RequestsPerClientPerMinute { get; set; } = 10;
}
