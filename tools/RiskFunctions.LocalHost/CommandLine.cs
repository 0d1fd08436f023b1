using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using RiskFunctions.LocalHost.Configuration;

namespace RiskFunctions.LocalHost;

/// <summary>The command line of the local host; environment variables override settings of the same name.</summary>
internal static class CommandLine
{
    public const string Usage =
        "usage: RiskFunctions.LocalHost <app-directory> [--settings <local.settings.json>] [--address <ip>] [--port <port>] [--max-delivery-count <n>] [--queue-store <file>] [--no-timers]";

    public static bool TryParse(string[] args, [NotNullWhen(true)] out LocalFunctionsHostOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        error = null;
        string? appDirectory = null, settingsFile = null, queueStore = null;
        var address = IPAddress.Loopback;
        var port = 7071;
        int? maxDeliveryCount = null;
        var runTimers = true;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--settings" when value is not null:
                    settingsFile = value;
                    i++;
                    break;
                case "--address" when value is not null && IPAddress.TryParse(value, out var parsed):
                    address = parsed;
                    i++;
                    break;
                case "--port" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out port):
                    i++;
                    break;
                case "--max-delivery-count" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var max):
                    maxDeliveryCount = max;
                    i++;
                    break;
                case "--queue-store" when value is not null:
                    queueStore = value;
                    i++;
                    break;
                case "--no-timers":
                    runTimers = false;
                    break;
                case var positional when !positional.StartsWith("--", StringComparison.Ordinal) && appDirectory is null:
                    appDirectory = positional;
                    break;
                default:
                    error = $"Unexpected argument '{args[i]}'.";
                    return false;
            }
        }

        if (appDirectory is null || !Directory.Exists(appDirectory))
        {
            error = appDirectory is null ? "The app directory is required." : $"The app directory '{appDirectory}' does not exist.";
            return false;
        }

        var fileSettings = AppSettings.Load(settingsFile);
        options = new LocalFunctionsHostOptions
        {
            AppDirectory = appDirectory,
            SettingsFile = settingsFile,
            Settings = fileSettings.Values.Keys
                .Where(key => Environment.GetEnvironmentVariable(key) is not null)
                .ToDictionary(key => key, key => Environment.GetEnvironmentVariable(key)!),
            ListenAddress = address,
            Port = port,
            MaxDeliveryCount = maxDeliveryCount,
            QueueStorePath = queueStore,
            RunTimers = runTimers,
        };
        return true;
    }
}
