using System.Reflection;

namespace RiskFunctions.Testing.FunctionApp;

/// <summary>The function app's build output: what the local host runs as the worker.</summary>
public static class FunctionAppDirectory
{
    public static string Path { get; } =
        typeof(FunctionAppDirectory).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionAppDirectory").Value
        ?? throw new InvalidOperationException("Assembly metadata FunctionAppDirectory is missing.");

    /// <summary>The app's sample local settings, as a local run uses them.</summary>
    public static string SampleSettingsFile => System.IO.Path.Combine(Path, "local.settings.sample.json");

    /// <summary>The worker's generated function metadata.</summary>
    public static string MetadataFile => System.IO.Path.Combine(Path, "functions.metadata");
}
