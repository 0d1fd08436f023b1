using System.Text.Json.Nodes;

namespace RiskFunctions.Functions.Tests.OpenApi;

public sealed class OpenApiDocumentTests
{
    private static readonly string[] CommonErrors = ["401", "403", "429", "500"];

    private readonly OpenApiSpec _spec = OpenApiSpec.Load();

    [Fact]
    public void Document_IsOpenApi3WithTheBearerScheme()
    {
        Assert.StartsWith("3.0.", _spec.Root["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var scheme = _spec.Root["components"]!["securitySchemes"]!["risk_access_token"]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());
        Assert.Equal("JWT", scheme["bearerFormat"]!.GetValue<string>());
    }

    [Fact]
    public void References_AllResolve()
    {
        var references = new List<string>();
        Collect(_spec.Root, references);

        Assert.NotEmpty(references);
        Assert.All(references, reference => _spec.Resolve(reference));
    }

    [Fact]
    public void PublicOperations_AreOnlyTheTokenEndpointAndPublicDocuments()
    {
        var open = _spec.Operations().Where(o => o.Operation["security"] is JsonArray { Count: 0 })
            .Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "GET /.well-known/jwks.json", "GET /.well-known/openid-configuration", "GET /health", "GET /health/ready",
                "GET /openapi/v1.json", "GET /openapi/v1.yaml", "POST /oidc/token",
            ],
            open);
    }

    [Fact]
    public void ProtectedOperations_RequireTheTokenAndDocumentTheCommonErrors()
    {
        var operations = _spec.Operations().Where(o => o.Operation["security"] is not JsonArray { Count: 0 }).ToArray();

        Assert.NotEmpty(operations);
        Assert.All(operations, o =>
        {
            Assert.Equal("risk_access_token", o.Operation["security"]![0]!.AsObject().Single().Key);
            var responses = o.Operation["responses"]!.AsObject();
            Assert.All(CommonErrors, code => Assert.True(responses.ContainsKey(code), $"{o.Method} {o.Path} lacks {code}"));
        });
    }

    [Fact]
    public void RiskOperations_DescribeErrorsWithTheCommonBody()
    {
        foreach (var (path, method, operation) in _spec.Operations().Where(o => o.Path.StartsWith("/risk/v1/", StringComparison.Ordinal)))
        {
            foreach (var (code, response) in operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5'))
            {
                var schema = Deref(response!)["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
                Assert.True(schema == "#/components/schemas/error", $"{method} {path} {code} uses {schema}");
            }
        }

        var error = _spec.Schemas["error"]!;
        Assert.Equal(["message", "error_code"], error["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("array", error["properties"]!["message"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void RateLimitResponse_CarriesRetryAfter()
    {
        var rateLimited = _spec.Resolve("#/components/responses/rate_limit_reached");

        Assert.NotNull(rateLimited["headers"]?["Retry-After"]);
    }

    [Fact]
    public void GetRecommendation_Documents463BlacklistedToken()
    {
        var responses = _spec.Paths["/risk/v1/recommendation"]!["get"]!["responses"]!.AsObject();

        Assert.Equal("#/components/responses/blacklisted_token", responses["463"]!["$ref"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("put")]
    [InlineData("delete")]
    public void RuleChange_DocumentsIfMatchAnd412(string method)
    {
        var operation = _spec.Paths["/risk/v1/recommendation/rules/{rule_id}"]![method]!;

        var parameters = operation["parameters"]!.AsArray().Select(p => Deref(p!)).ToArray();
        var ifMatch = Assert.Single(parameters, p => p["name"]!.GetValue<string>() == "If-Match");
        Assert.Equal("header", ifMatch["in"]!.GetValue<string>());
        Assert.False(ifMatch["required"]!.GetValue<bool>());
        Assert.Equal("#/components/responses/precondition_failed", operation["responses"]!["412"]!["$ref"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/risk/v1/recommendation/rules", "post", "201")]
    [InlineData("/risk/v1/recommendation/rules/{rule_id}", "get", "200")]
    [InlineData("/risk/v1/recommendation/rules/{rule_id}", "put", "200")]
    public void RuleAnswers_DocumentTheETagHeader(string path, string method, string status)
    {
        var response = Deref(_spec.Paths[path]![method]!["responses"]![status]!);

        Assert.NotNull(response["headers"]?["ETag"]);
    }

    [Fact]
    public void Operations_HaveUniqueOperationIds()
    {
        var ids = _spec.Operations().Select(o => o.Operation["operationId"]!.GetValue<string>()).ToArray();

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void LabelResponse_KeepsTheContractsSpellingOfAffectedActionIds()
    {
        var required = _spec.Schemas["label_response"]!["required"]!.AsArray().Select(n => n!.GetValue<string>());

        Assert.Contains("afftectedActionIds", required);
    }

    private JsonObject Deref(JsonNode node) =>
        node["$ref"] is { } reference ? _spec.Resolve(reference.GetValue<string>()) : node.AsObject();

    private static void Collect(JsonNode? node, List<string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref")
                    {
                        references.Add(value!.GetValue<string>());
                    }
                    else
                    {
                        Collect(value, references);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, references);
                }

                break;
        }
    }
}
