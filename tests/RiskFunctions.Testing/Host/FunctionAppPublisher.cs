using System.Diagnostics;
using System.Reflection;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Testing.Host;

/// <summary>
/// Publishes the function app root once per test process with the repository's own publish step
/// (<c>scripts/publish-app.sh</c>), so tests run exactly what gets deployed: the generated
/// <c>function.json</c> files, <c>host.json</c> and the handler. It reuses the build of the running
/// configuration (<c>--no-build</c>, framework-dependent), which takes seconds.
/// </summary>
public static class FunctionAppPublisher
{
    private static readonly Lazy<Task<FunctionApp>> Shared = new(PublishSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The app root of this test process, published on first use and deleted at process exit.</summary>
    public static Task<FunctionApp> GetSharedAsync() => Shared.Value;

    /// <summary>Publishes into <paramref name="appRoot"/> (recreated) and reads the result.</summary>
    public static async Task<FunctionApp> PublishAsync(string appRoot, CancellationToken cancellationToken = default)
    {
        var configuration = typeof(FunctionAppPublisher).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        try
        {
            await RepositoryScript.RunAsync("publish-app.sh", ["--configuration", configuration, "--framework-dependent", "--no-build", appRoot], cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidOperationException($"Publishing failed; is the handler built in {configuration}?", exception);
        }

        return new FunctionApp(appRoot);
    }

    private static async Task<FunctionApp> PublishSharedAsync()
    {
        var parent = Path.Combine(RepositoryRoot.Find(), ".artifacts", "test-apps");
        RemoveLeftovers(parent);
        var appRoot = Path.Combine(parent, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(appRoot);
        return await PublishAsync(appRoot);
    }

    /// <summary>
    /// App roots of test processes that are gone (a test host is often ended before its exit handlers
    /// run), recognised by the process id their name starts with.
    /// </summary>
    private static void RemoveLeftovers(string parent)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(parent))
        {
            var name = Path.GetFileName(directory);
            if (int.TryParse(name.AsSpan(0, Math.Max(0, name.IndexOf('-', StringComparison.Ordinal))), out var processId) && !IsRunning(processId))
            {
                TryDelete(directory);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover directory under .artifacts is harmless and removed next time.
        }
    }
}
