using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace RiskFunctions.Handler.Security.Hardening;

/// <summary>Kestrel's limits from <see cref="RequestLimitsOptions"/>, and no <c>Server</c> header.</summary>
public static class RequestHardening
{
    public static IServiceCollection AddRequestHardening(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes;
                kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxHeadersTotalBytes;
                kestrel.Limits.MaxRequestHeaderCount = limits.Value.MaxHeaderCount;
                kestrel.Limits.MaxRequestLineSize = limits.Value.MaxRequestLineBytes;
            });
        return services;
    }
}
