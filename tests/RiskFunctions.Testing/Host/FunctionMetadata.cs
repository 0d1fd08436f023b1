using System.Text.Json;

namespace RiskFunctions.Testing.Host;

/// <summary>One binding of a <c>function.json</c>, as the host reads it.</summary>
public sealed record FunctionBinding(string Type, string Direction, string Name, JsonElement Json)
{
    /// <summary>A string property of the binding (<c>route</c>, <c>queueName</c>, <c>dataType</c> ...), or null.</summary>
    public string? GetString(string property) =>
        Json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The <c>methods</c> array of an <c>httpTrigger</c>, upper case; empty means every method.</summary>
    public IReadOnlyList<string> Methods =>
        Json.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array
            ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())]
            : [];
}

/// <summary>A function folder of an app root: its name and the bindings of its <c>function.json</c>.</summary>
public sealed record FunctionMetadata(string Name, IReadOnlyList<FunctionBinding> Bindings)
{
    public FunctionBinding? Trigger => Bindings.FirstOrDefault(b => b.Direction == "in" && b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether the host forwards HTTP requests to the handler verbatim: exactly one input (an
    /// <c>httpTrigger</c>) and one output (<c>http</c> named <c>res</c> or <c>$return</c>).
    /// </summary>
    public bool IsForwardedHttp =>
        Bindings.Count == 2
        && Bindings.Count(b => b.Direction == "in" && b.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase)) == 1
        && Bindings.Count(b => b.Direction == "out" && b.Type.Equals("http", StringComparison.OrdinalIgnoreCase) && b.Name is "res" or "$return") == 1;

    /// <summary>Reads <c>&lt;folder&gt;/function.json</c>.</summary>
    public static FunctionMetadata Read(string folder)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "function.json")), HostJson.DocumentOptions);
        var bindings = document.RootElement.GetProperty("bindings").EnumerateArray()
            .Select(b => new FunctionBinding(b.GetProperty("type").GetString()!, b.GetProperty("direction").GetString()!, b.GetProperty("name").GetString()!, b.Clone()))
            .ToList();
        return new FunctionMetadata(Path.GetFileName(folder), bindings);
    }
}
