using System.Text.Json.Nodes;
using RiskFunctions.Functions.OpenApi;

namespace RiskFunctions.Functions.Tests.OpenApi;

/// <summary>The embedded document, parsed, with $ref resolution for the tests.</summary>
internal sealed class OpenApiSpec
{
    private OpenApiSpec(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public JsonObject Paths => Root["paths"]!.AsObject();

    public JsonObject Schemas => Root["components"]!["schemas"]!.AsObject();

    public static OpenApiSpec Load() => new(JsonNode.Parse(OpenApiDocument.Load().Json.Span)!.AsObject());

    /// <summary>Every operation as (path, method, operation).</summary>
    public IEnumerable<(string Path, string Method, JsonObject Operation)> Operations() =>
        from path in Paths
        from method in path.Value!.AsObject()
        select (path.Key, method.Key.ToUpperInvariant(), method.Value!.AsObject());

    /// <summary>Resolves a local reference such as <c>#/components/schemas/rule/properties/name</c>.</summary>
    public JsonObject Resolve(string reference)
    {
        Assert.StartsWith("#/", reference, StringComparison.Ordinal);
        JsonNode node = Root;
        foreach (var segment in reference[2..].Split('/'))
        {
            node = node[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
                ?? throw new InvalidOperationException($"{reference} does not resolve.");
        }

        return node.AsObject();
    }

    /// <summary>Follows $ref and single-element allOf wrappers to the schema that says what a value is.</summary>
    public JsonObject Deref(JsonObject schema)
    {
        while (true)
        {
            if (schema["$ref"] is { } reference)
            {
                schema = Resolve(reference.GetValue<string>());
            }
            else if (schema["allOf"] is JsonArray { Count: 1 } single && schema["properties"] is null)
            {
                schema = single[0]!.AsObject();
            }
            else
            {
                return schema;
            }
        }
    }

    /// <summary>The properties of an object schema, including those of its allOf and oneOf parts.</summary>
    public Dictionary<string, JsonObject> PropertiesOf(JsonObject schema)
    {
        schema = Deref(schema);
        var properties = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var property in schema["properties"]?.AsObject() ?? [])
        {
            properties[property.Key] = property.Value!.AsObject();
        }

        foreach (var part in (schema["allOf"]?.AsArray() ?? []).Concat(schema["oneOf"]?.AsArray() ?? []))
        {
            foreach (var (name, value) in PropertiesOf(part!.AsObject()))
            {
                properties[name] = value;
            }
        }

        return properties;
    }
}
