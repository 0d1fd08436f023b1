using System.Text.Json;
using System.Text.Json.Nodes;

namespace RiskFunctions.Storage.Tests.Compatibility;

/// <summary>
/// The rows of <c>old-client-rows.json</c>: per logical table name, each row as the JSON entity body the first
/// storage client sent (its OData payload: properties with <c>@odata.type</c> annotations, keys included).
/// </summary>
internal static class StoredRows
{
    public const string FileName = "old-client-rows.json";

    public static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, FileName);

    public static SortedDictionary<string, List<JsonObject>> Load()
    {
        using var stream = typeof(StoredRows).Assembly.GetManifestResourceStream("RiskFunctions.Storage.Tests.Compatibility." + FileName)
            ?? throw new InvalidOperationException($"{FileName} is not embedded.");
        var root = JsonNode.Parse(stream)!.AsObject();
        var tables = new SortedDictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var (table, rows) in root)
        {
            tables[table] = [.. rows!.AsArray().Select(row => row!.AsObject())];
        }

        return tables;
    }

    public static void Save(string path, IReadOnlyDictionary<string, List<JsonObject>> tables)
    {
        var root = new JsonObject();
        foreach (var (table, rows) in tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            root[table] = new JsonArray([.. rows.Select(row => (JsonNode)row)]);
        }

        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
