using System.Diagnostics;
using System.Globalization;
using RiskFunctions.LocalHost.Configuration;

namespace RiskFunctions.LocalHost.Worker;

/// <summary>
/// The command line and environment the Functions host gives a worker: worker.config.json's executable, arguments
/// and worker path, then the connection arguments (both the legacy and the <c>--functions-</c> spellings), and the
/// app settings plus the variables the isolated worker requires.
/// </summary>
internal static class WorkerLaunch
{
    private const string MaxMessageLength = "2147483647";

    public static ProcessStartInfo Create(
        WorkerConfig config, string appDirectory, AppSettings settings, Uri hostEndpoint, string workerId, string requestId)
    {
        var (fileName, prefix) = Executable(config.ExecutablePath);
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = appDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        foreach (var argument in prefix.Concat(config.Arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (config.WorkerPath.Length > 0)
        {
            startInfo.ArgumentList.Add(Path.Combine(appDirectory, config.WorkerPath));
        }

        foreach (var argument in config.WorkerArguments.Concat(ConnectionArguments(hostEndpoint, workerId, requestId)))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings.Values)
        {
            startInfo.Environment[key] = value;
        }

        startInfo.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        startInfo.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        startInfo.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        startInfo.Environment["AzureWebJobsScriptRoot"] = appDirectory;
        return startInfo;
    }

    private static IEnumerable<string> ConnectionArguments(Uri hostEndpoint, string workerId, string requestId)
    {
        var port = hostEndpoint.Port.ToString(CultureInfo.InvariantCulture);
        return
        [
            "--host", hostEndpoint.Host,
            "--port", port,
            "--workerId", workerId,
            "--requestId", requestId,
            "--grpcMaxMessageLength", MaxMessageLength,
            "--functions-uri", hostEndpoint.AbsoluteUri,
            "--functions-worker-id", workerId,
            "--functions-request-id", requestId,
            "--functions-grpc-max-message-length", MaxMessageLength,
        ];
    }

    // "dotnet" means the runtime this host runs on, so a machine without dotnet on PATH still works.
    // On Linux the worker is started through setpriv so that it is killed if this host dies without stopping it.
    private static (string FileName, IReadOnlyList<string> Prefix) Executable(string configured)
    {
        var executable = configured == "dotnet" ? DotnetHost() : configured;
        return OperatingSystem.IsLinux() && File.Exists(ParentDeathSignal.SetprivPath)
            ? (ParentDeathSignal.SetprivPath, ["--pdeathsig", "KILL", "--", executable])
            : (executable, []);
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath : "dotnet";
    }
}
