using System.ComponentModel.DataAnnotations;

namespace RiskFunctions.Functions.Security.Hardening;

/// <summary>
/// Request header limits, transport-security headers and proxy trust (section <c>Security:Hardening</c>). The body
/// size limit is a hosting setting (<c>Hosting:MaxRequestBodyBytes</c>).
/// </summary>
public sealed class HardeningOptions
{
    public const string SectionName = "Security:Hardening";

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

    /// <summary>
    /// Take the caller's address from the last <c>X-Forwarded-For</c> entry when the request comes from
    /// loopback (the Functions host). On in Azure, where the platform's front end appends that entry;
    /// off when the handler is reachable directly, where the header is whatever the caller wrote.
    /// </summary>
    public bool TrustForwardedFor { get; set; }
}
