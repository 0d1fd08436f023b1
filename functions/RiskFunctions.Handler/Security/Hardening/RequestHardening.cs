using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace RiskFunctions.Handler.Security.Hardening;

/// <summary>Kestrel's header and request-line limits from <see cref="HardeningOptions"/> (oversized headers answer 431).</summary>
public static class RequestHardening
{
    public static IServiceCollection AddRequestHardening(this IServiceCollection services)
    {
        services.AddOptions<HardeningOptions>().BindConfiguration(HardeningOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<HardeningOptions>>((kestrel, hardening) =>
            {
                kestrel.Limits.MaxRequestHeadersTotalSize = hardening.Value.MaxHeadersTotalBytes;
                kestrel.Limits.MaxRequestHeaderCount = hardening.Value.MaxHeaderCount;
                kestrel.Limits.MaxRequestLineSize = hardening.Value.MaxRequestLineBytes;
            });
        return services;
    }
}
