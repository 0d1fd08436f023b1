using System.Reflection;

namespace RiskFunctions.LocalHost.Tests.Fixtures;

/// <summary>Where the sample worker app was built, and host options that run it.</summary>
internal static class SampleApp
{
    public const string Queue = "sample-queue";

    public static string Directory { get; } = Metadata("SampleWorkerAppDirectory");

    /// <summary>The local host's own build, for tests that run it as a separate process.</summary>
    public static string LocalHostAssembly { get; } = Metadata("LocalHostAssembly");

    public static string SettingsFile => Path.Combine(Directory, "sample.settings.json");

    public static LocalFunctionsHostOptions Options(IDictionary<string, string>? settings = null, bool runTimers = false) => new()
    {
        AppDirectory = Directory,
        SettingsFile = SettingsFile,
        Settings = settings ?? new Dictionary<string, string>(),
        Port = 0,
        RunTimers = runTimers,
        // Test output stays readable: only problems are logged.
        ConfigureLogging = logging => { },
    };

    private static string Metadata(string key) =>
        typeof(SampleApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");
}
