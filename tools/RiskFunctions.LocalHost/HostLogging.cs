using Microsoft.Extensions.Logging;
using RiskFunctions.LocalHost.Configuration;

namespace RiskFunctions.LocalHost;

/// <summary>
/// The host's logging: a single-line console (or the caller's providers), filtered by host.json
/// <c>logging.logLevel</c> as the Functions host filters its own and the worker's logs.
/// </summary>
internal static class HostLogging
{
    public static void Configure(ILoggingBuilder logging, HostJson hostJson, Action<ILoggingBuilder>? configure)
    {
        logging.ClearProviders();
        if (configure is not null)
        {
            configure(logging);
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
        }

        // host.json levels decide what is shown, worker logs included; the host's own plumbing stays quiet.
        logging.SetMinimumLevel(hostJson.LogLevels.TryGetValue("default", out var level) ? level : LogLevel.Information);
        foreach (var category in new[] { "Microsoft", "Grpc", "Yarp", "System" })
        {
            logging.AddFilter(category, LogLevel.Warning);
        }

        foreach (var (category, categoryLevel) in hostJson.LogLevels.Where(l => !string.Equals(l.Key, "default", StringComparison.OrdinalIgnoreCase)))
        {
            logging.AddFilter(category, categoryLevel);
        }
    }
}
