namespace RiskFunctions.Functions.Security.Hardening;

/// <summary>
/// The request limits of the Functions host's Kestrel, which every request passes before it reaches the worker. The
/// host (Azure/azure-functions-host, <c>WebJobs.Script.WebHost/Program.cs</c>) sets only the body size, so these are
/// Kestrel's defaults. A request over them is answered by the host itself, without the app's error body; the app's own
/// limits (<see cref="HardeningOptions"/>) stay below them so that the app answers first.
/// </summary>
public static class FunctionsHostLimits
{
    /// <summary>Kestrel's <c>MaxRequestLineSize</c> default: method, target and version.</summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>Kestrel's <c>MaxRequestHeadersTotalSize</c> default.</summary>
    public const int MaxRequestHeadersTotalBytes = 32 * 1024;

    /// <summary>Kestrel's <c>MaxRequestHeaderCount</c> default.</summary>
    public const int MaxRequestHeaderCount = 100;

    /// <summary>
    /// Room left below the host's limits for what the host and the platform's front end add on the way to the worker
    /// (<c>x-ms-invocation-id</c>, <c>X-Forwarded-*</c>, trace headers): an app limit can be set no closer to the host's.
    /// </summary>
    public const int HeaderBytesMargin = 4 * 1024;

    /// <summary>See <see cref="HeaderBytesMargin"/>, in headers.</summary>
    public const int HeaderCountMargin = 16;

    /// <summary>See <see cref="HeaderBytesMargin"/>, for the request line (the host forwards the target unchanged).</summary>
    public const int RequestLineMargin = 1024;
}
