using System.ComponentModel.DataAnnotations;

namespace RiskFunctions.Handler.Security.Hardening;

/// <summary>Transport limits and response headers (section <c>Security:Requests</c>).</summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "Security:Requests";

    /// <summary>Largest request body accepted by default; an endpoint that needs more says so with its own size-limit metadata.</summary>
    [Range(1_024, 100 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    [Range(1_024, 1024 * 1024)]
    public int MaxHeadersTotalBytes { get; set; } = 32 * 1024;

    [Range(8, 1_000)]
    public int MaxHeaderCount { get; set; } = 64;

    [Range(1_024, 64 * 1024)]
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    /// <summary>
    /// Send <c>Strict-Transport-Security</c>. On in Azure, where the platform terminates TLS and the app
    /// is HTTPS-only; off locally, where the service speaks plain HTTP on loopback.
    /// </summary>
    public bool Hsts { get; set; }
}
