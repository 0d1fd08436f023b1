using System.Text.Json;

namespace RiskFunctions.LocalHost.Functions;

/// <summary>One raw binding of a function as the worker indexed it (a JSON object such as function.json holds).</summary>
public sealed class FunctionBinding
{
    private readonly Dictionary<string, JsonElement> _properties;

    private FunctionBinding(Dictionary<string, JsonElement> properties) => _properties = properties;

    public string Type => GetString("type") ?? string.Empty;

    public string Name => GetString("name") ?? string.Empty;

    public bool IsInput => !string.Equals(GetString("direction"), "out", StringComparison.OrdinalIgnoreCase);

    public bool IsTrigger => IsInput && Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public static FunctionBinding Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new FunctionBinding(document.RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.OrdinalIgnoreCase));
    }

    public string? GetString(string name) =>
        _properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A string array property (e.g. an HTTP trigger's <c>methods</c>); empty when absent.</summary>
    public IReadOnlyList<string> GetStrings(string name) =>
        _properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}
