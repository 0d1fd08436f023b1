using System.Text.Json;

namespace RiskFunctions.Testing.Host;

/// <summary>The parts of an app root's <c>host.json</c> the host uses to start and talk to a custom handler.</summary>
public sealed record HostJson(
    string DefaultExecutablePath,
    IReadOnlyList<string> Arguments,
    string? WorkingDirectory,
    bool EnableForwardingHttpRequest,
    string RoutePrefix,
    JsonElement Json)
{
    /// <summary>host.json and function.json are read leniently, as the host does.</summary>
    internal static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static HostJson Read(string appRoot)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(appRoot, "host.json")), DocumentOptions);
        var root = document.RootElement.Clone();
        var customHandler = root.GetProperty("customHandler");
        var description = customHandler.GetProperty("description");
        var arguments = description.TryGetProperty("arguments", out var args)
            ? args.EnumerateArray().Select(a => a.GetString()!).ToList()
            : [];
        var forwarding = customHandler.TryGetProperty("enableForwardingHttpRequest", out var forward) && forward.GetBoolean();

        // The host's default prefix is "api"; only an explicit value (even empty) changes it.
        var prefix = root.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var routePrefix)
                ? routePrefix.GetString() ?? "api"
                : "api";
        return new HostJson(
            description.GetProperty("defaultExecutablePath").GetString()!,
            arguments,
            description.TryGetProperty("workingDirectory", out var directory) ? directory.GetString() : null,
            forwarding,
            prefix,
            root);
    }
}
