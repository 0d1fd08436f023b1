using System.Text.Json;

namespace RiskFunctions.LocalHost.Configuration;

/// <summary>
/// worker.config.json as the Worker SDK writes it: how to start the worker process. <c>{WorkerRoot}</c> in the
/// executable path stands for the app directory (a self-contained app names its own executable that way).
/// </summary>
public sealed record WorkerConfig(
    string ExecutablePath,
    string WorkerPath,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> WorkerArguments)
{
    public const string FileName = "worker.config.json";

    public static WorkerConfig Load(string appDirectory)
    {
        var path = Path.Combine(appDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{FileName} not found in '{appDirectory}'. Is it the build output of a .NET isolated-worker app?", path);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var description = document.RootElement.GetProperty("description");
        var workerRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(appDirectory)) + Path.DirectorySeparatorChar;
        return new WorkerConfig(
            (Text(description, "defaultExecutablePath") ?? "dotnet").Replace("{WorkerRoot}", workerRoot, StringComparison.Ordinal),
            Text(description, "defaultWorkerPath") ?? string.Empty,
            List(description, "arguments"),
            List(description, "workerArguments"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> List(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.GetString() ?? string.Empty)]
            : [];
}
