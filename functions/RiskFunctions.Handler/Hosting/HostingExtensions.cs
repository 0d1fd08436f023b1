using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RiskFunctions.Handler.Hosting;

/// <summary>Process-level composition: where Kestrel listens, request limits, logging, the clock.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Registers the hosting mode, validated <see cref="HostingOptions"/>, <see cref="TimeProvider.System"/>,
    /// Kestrel's limits and the log format. The listen address is set by
    /// <see cref="HostingPipelineExtensions.UseHandlerHosting"/>.
    /// </summary>
    public static WebApplicationBuilder AddHandlerHosting(this WebApplicationBuilder builder)
    {
        var hostEnvironment = FunctionsHostEnvironment.From(builder.Configuration);
        builder.Services.AddSingleton(hostEnvironment);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<HostingOptions>()
            .BindConfiguration(HostingOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(options => options.HasValidAddress, "Hosting:Address must be an IP address or 'localhost'.")
            .Validate(options => options.Port != 0 || options.Address != "localhost",
                "Hosting:Port 0 (any free port) needs an IP address in Hosting:Address, not 'localhost'.")
            .ValidateOnStart();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var hosting = kestrel.ApplicationServices.GetRequiredService<IOptions<HostingOptions>>().Value;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = hosting.MaxRequestBodyBytes;
        });

        builder.AddHandlerLogging(hostEnvironment);
        return builder;
    }

    /// <summary>
    /// JSON lines (with scopes, UTC timestamps) under the Functions host and in Azure, where the host
    /// forwards stdout to its log pipeline; single-line text for people at a terminal. An explicit
    /// <c>Logging:Console:FormatterName</c> wins.
    /// </summary>
    private static void AddHandlerLogging(this WebApplicationBuilder builder, FunctionsHostEnvironment hostEnvironment)
    {
        if (!string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
        {
            return;
        }

        var inAzure = hostEnvironment.Mode == HostingMode.FunctionsHost
            || !string.IsNullOrEmpty(builder.Configuration["WEBSITE_INSTANCE_ID"]);
        if (inAzure)
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.IncludeScopes = true;
                options.TimestampFormat = "HH:mm:ss ";
            });
        }
    }
}
