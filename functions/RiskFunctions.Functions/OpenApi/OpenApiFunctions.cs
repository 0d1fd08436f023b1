using Microsoft.Azure.Functions.Worker;
using RiskFunctions.Functions.Pipeline;

namespace RiskFunctions.Functions.OpenApi;

/// <summary>The service's OpenAPI document as JSON and YAML; public, as clients need it before they have a token.</summary>
public sealed class OpenApiFunctions
{
    private static readonly Lazy<OpenApiDocument> Document = new(OpenApiDocument.Load);

    [Function(nameof(OpenApiJson))]
    [AllowAnonymous]
    public IResult OpenApiJson([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OpenApiDocument.JsonRoute)] HttpRequest req) =>
        Results.Bytes(Document.Value.Json, "application/json");

    [Function(nameof(OpenApiYaml))]
    [AllowAnonymous]
    public IResult OpenApiYaml([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OpenApiDocument.YamlRoute)] HttpRequest req) =>
        Results.Bytes(Document.Value.Yaml, "application/yaml");
}
