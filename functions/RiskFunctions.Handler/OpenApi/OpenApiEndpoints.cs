using RiskFunctions.Handler.Hosting;

namespace RiskFunctions.Handler.OpenApi;

/// <summary>Serves the OpenAPI document of the service.</summary>
public static class OpenApiEndpoints
{
    /// <summary>
    /// Maps <c>GET /openapi/v1.json</c> and <c>GET /openapi/v1.yaml</c>. Both are public: the document holds no
    /// tenant data, and clients need it before they have a token.
    /// </summary>
    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var document = OpenApiDocument.Load();

        endpoints.MapGet(OpenApiDocument.JsonPath, () => Results.Bytes(document.Json, "application/json"))
            .WithName(FunctionCatalog.OpenApiJson)
            .AllowAnonymous();
        endpoints.MapGet(OpenApiDocument.YamlPath, () => Results.Bytes(document.Yaml, "application/yaml"))
            .WithName(FunctionCatalog.OpenApiYaml)
            .AllowAnonymous();
        return endpoints;
    }
}
