using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace RiskFunctions.LocalHost.Configuration;

/// <summary>The parts of an app's host.json that the local host honours.</summary>
public sealed record HostJson
{
    /// <summary>The host's default route prefix when host.json names none.</summary>
    public const string DefaultRoutePrefix = "api";

    public string RoutePrefix { get; init; } = DefaultRoutePrefix;

    /// <summary><c>logging.logLevel</c>: category prefix (or "default") to minimum level.</summary>
    public IReadOnlyDictionary<string, LogLevel> LogLevels { get; init; } = new Dictionary<string, LogLevel>();

    /// <summary><c>extensions.serviceBus.maxConcurrentCalls</c>, when set.</summary>
    public int? MaxConcurrentCalls { get; init; }

    /// <summary>
    /// <c>extensions.serviceBus.maxDeliveryCount</c>, when set. Not a setting of the real extension (the queue
    /// itself carries it in Azure), accepted here so a local queue can mirror the deployed one.
    /// </summary>
    public int? MaxDeliveryCount { get; init; }

    /// <summary><c>extensions.serviceBus.maxAutoLockRenewalDuration</c>, when set: how long a delivery may run.</summary>
    public TimeSpan? MaxAutoLockRenewalDuration { get; init; }

    public static HostJson Load(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "host.json");
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : new HostJson();
    }

    public static HostJson Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        });
        var root = document.RootElement;
        var serviceBus = Find(root, "extensions", "serviceBus");
        return new HostJson
        {
            RoutePrefix = Find(root, "extensions", "http", "routePrefix")?.GetString() ?? DefaultRoutePrefix,
            LogLevels = ReadLogLevels(Find(root, "logging", "logLevel")),
            MaxConcurrentCalls = ReadInt(serviceBus, "maxConcurrentCalls"),
            MaxDeliveryCount = ReadInt(serviceBus, "maxDeliveryCount"),
            MaxAutoLockRenewalDuration = Find(serviceBus, "maxAutoLockRenewalDuration")?.GetString() is { } renewal
                ? TimeSpan.Parse(renewal, CultureInfo.InvariantCulture)
                : null,
        };
    }

    private static Dictionary<string, LogLevel> ReadLogLevels(JsonElement? section)
    {
        var levels = new Dictionary<string, LogLevel>(StringComparer.OrdinalIgnoreCase);
        if (section is { ValueKind: JsonValueKind.Object } element)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (Enum.TryParse<LogLevel>(property.Value.GetString(), ignoreCase: true, out var level))
                {
                    levels[property.Name] = level;
                }
            }
        }

        return levels;
    }

    private static int? ReadInt(JsonElement? parent, string name) =>
        Find(parent, name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : null;

    // host.json property names are case-insensitive for the real host too.
    private static JsonElement? Find(JsonElement? element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element is not { ValueKind: JsonValueKind.Object } current)
            {
                return null;
            }

            element = current.EnumerateObject()
                .Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                .Select(p => (JsonElement?)p.Value)
                .FirstOrDefault();
        }

        return element;
    }
}
