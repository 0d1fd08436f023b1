using System.Text;

namespace RiskFunctions.Functions.OpenApi;

/// <summary>
/// The service's OpenAPI 3 document. It is written by hand, not generated from the endpoints, because the wire
/// contract comes first: the endpoints follow the document and tests keep the two, and the contract types, in step.
/// The JSON file embedded in the assembly is the one source; the YAML form is derived from it.
/// </summary>
internal sealed class OpenApiDocument
{
    public const string JsonRoute = "openapi/v1.json";
    public const string YamlRoute = "openapi/v1.yaml";
    private const string ResourceName = "RiskFunctions.Functions.OpenApi.riskfunctions.openapi.json";

    private readonly Lazy<byte[]> _yaml;

    private OpenApiDocument(byte[] json)
    {
        Json = json;
        _yaml = new Lazy<byte[]>(() => Encoding.UTF8.GetBytes(JsonToYaml.Convert(json)));
    }

    /// <summary>The document as UTF-8 JSON, exactly as embedded.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>The same document as UTF-8 YAML, converted on first use.</summary>
    public ReadOnlyMemory<byte> Yaml => _yaml.Value;

    public static OpenApiDocument Load()
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new OpenApiDocument(buffer.ToArray());
    }
}
