using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace RiskFunctions.Functions.Security.Hardening;

/// <summary>Kestrel's header and request-line limits from <see cref="HardeningOptions"/> (oversized headers answer 431), and no <c>Server</c> header.</summary>
public static class RequestHardening
{
    public static IServiceCollection AddRequestHardening(this IServiceCollection services)
    {
        services.AddOptions<HardeningOptions>().BindConfiguration(HardeningOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<HardeningOptions>>((kestrel, hardening) =>
            {
                // Kestrel writes its Server header below the response headers, where middleware cannot remove it.
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestHeadersTotalSize = hardening.Value.MaxHeadersTotalBytes;
                kestrel.Limits.MaxRequestHeaderCount = hardening.Value.MaxHeaderCount;
                kestrel.Limits.MaxRequestLineSize = hardening.Value.MaxRequestLineBytes;
            });
        return services;
    }
}
