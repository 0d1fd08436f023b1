using System.Globalization;

namespace RiskFunctions.Handler.Hosting;

/// <summary>Whether the handler was started by the Azure Functions host or runs on its own.</summary>
public enum HostingMode
{
    /// <summary><c>dotnet run</c>, tests, containers: the handler owns its address and port.</summary>
    Standalone,

    /// <summary>Started by the Functions host as a custom handler: port and lifetime belong to the host.</summary>
    FunctionsHost,
}

/// <summary>
/// What the Functions host told the handler through its environment when it started it. Read once at
/// start-up from configuration (environment variables are part of it) so tests can supply them.
/// </summary>
public sealed record FunctionsHostEnvironment(HostingMode Mode, int? Port, string? WorkerId, string? AppRootPath)
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string LegacyPortVariable = "FUNCTIONS_HTTPWORKER_PORT";
    public const string WorkerIdVariable = "FUNCTIONS_CUSTOMHANDLER_WORKER_ID";
    public const string AppRootVariable = "FUNCTIONS_APP_ROOT_PATH";

    /// <summary>Detects the mode: the host always sets the custom handler port; nothing else does.</summary>
    public static FunctionsHostEnvironment From(IConfiguration configuration)
    {
        var portText = configuration[PortVariable] ?? configuration[LegacyPortVariable];
        if (string.IsNullOrWhiteSpace(portText))
        {
            return new FunctionsHostEnvironment(HostingMode.Standalone, null, null, null);
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{PortVariable} must be a TCP port number, but is '{portText}'.");
        }

        return new FunctionsHostEnvironment(HostingMode.FunctionsHost, port, configuration[WorkerIdVariable], configuration[AppRootVariable]);
    }
}
