using System.ComponentModel.DataAnnotations;

namespace RiskFunctions.Functions.Security.Hardening;

/// <summary>
/// Request header limits, transport-security headers and proxy trust (section <c>Security:Hardening</c>). The body
/// size limit is a hosting setting (<c>Hosting:MaxRequestBodyBytes</c>).
/// </summary>
/// <remarks>
/// The header and request-line limits are checked by the app (<c>RequestLimitsMiddleware</c>), which answers 414 and
/// 431 with the error body. They may not reach the Functions host's own limits (<see cref="FunctionsHostLimits"/>): a
/// request over those never reaches the app.
/// </remarks>
public sealed class HardeningOptions
{
    public const string SectionName = "Security:Hardening";

    /// <summary>Names and values of all headers, as the app receives them; over it is a 431.</summary>
    [Range(1_024, FunctionsHostLimits.MaxRequestHeadersTotalBytes - FunctionsHostLimits.HeaderBytesMargin)]
    public int MaxHeadersTotalBytes { get; set; } = 24 * 1024;

    /// <summary>Header lines, as the app receives them (with the few the host and the platform add); over it is a 431.</summary>
    [Range(8, FunctionsHostLimits.MaxRequestHeaderCount - FunctionsHostLimits.HeaderCountMargin)]
    public int MaxHeaderCount { get; set; } = 64;

    /// <summary>Method, request target (path and query) and protocol version; over it is a 414.</summary>
    [Range(1_024, FunctionsHostLimits.MaxRequestLineBytes - FunctionsHostLimits.RequestLineMargin)]
    public int MaxRequestLineBytes { get; set; } = 6 * 1024;

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
