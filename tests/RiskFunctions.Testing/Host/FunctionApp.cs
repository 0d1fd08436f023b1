namespace RiskFunctions.Testing.Host;

/// <summary>A Functions app root on disk: <c>host.json</c>, function folders and the handler's files.</summary>
public sealed class FunctionApp
{
    public FunctionApp(string root)
    {
        Root = Path.GetFullPath(root);
        Host = HostJson.Read(Root);
        Functions = [.. Directory.EnumerateDirectories(Root)
            .Where(folder => File.Exists(Path.Combine(folder, "function.json")))
            .Select(FunctionMetadata.Read)
            .OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    public string Root { get; }

    public HostJson Host { get; }

    public IReadOnlyList<FunctionMetadata> Functions { get; }

    /// <summary>The function of that name (case-insensitive, as the host treats names).</summary>
    public FunctionMetadata GetFunction(string name) =>
        Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"The app root has no function '{name}'.", nameof(name));
}
