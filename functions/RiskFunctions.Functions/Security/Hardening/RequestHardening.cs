using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace RiskFunctions.Functions.Security.Hardening;

/// <summary>
/// The worker's Kestrel: no <c>Server</c> header, and header and request-line limits well above the host's, so every
/// request the host forwards (with the headers it adds) reaches the app's own check, which answers 414 and 431 with the
/// error body (<see cref="HardeningOptions"/>). The worker listens on loopback for the host alone.
/// </summary>
public static class RequestHardening
{
    /// <summary>How many times the host's limits the worker's Kestrel accepts.</summary>
    private const int WorkerLimitFactor = 2;

    public static IServiceCollection AddRequestHardening(this IServiceCollection services)
    {
        services.AddOptions<HardeningOptions>().BindConfiguration(HardeningOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>()
            .Configure(kestrel =>
            {
                // Kestrel writes its Server header below the response headers, where middleware cannot remove it.
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestHeadersTotalSize = FunctionsHostLimits.MaxRequestHeadersTotalBytes * WorkerLimitFactor;
                kestrel.Limits.MaxRequestHeaderCount = FunctionsHostLimits.MaxRequestHeaderCount * WorkerLimitFactor;
                kestrel.Limits.MaxRequestLineSize = FunctionsHostLimits.MaxRequestLineBytes * WorkerLimitFactor;
            });
        return services;
    }
}
