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
        var appRoot = Path.Combine(RepositoryRoot.Find(), ".artifacts", "test-apps", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(appRoot, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover directory under .artifacts is harmless.
            }
        };
        return await PublishAsync(appRoot);
    }
}
