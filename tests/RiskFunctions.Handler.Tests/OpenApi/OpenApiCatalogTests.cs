using RiskFunctions.Handler.Hosting;
using RiskFunctions.Handler.Tests.Hosting;

namespace RiskFunctions.Handler.Tests.OpenApi;

/// <summary>The document and the function catalog list the same HTTP operations.</summary>
public sealed class OpenApiCatalogTests
{
    /// <summary>
    /// Operations the document describes that no function serves yet. The list may only shrink: an operation
    /// in the document must be served or named here, so the document cannot promise something unplanned.
    /// </summary>
    private static readonly HashSet<string> NotYetServed = new(StringComparer.Ordinal)
    {
        "POST /oidc/token",
    };

    private static readonly OpenApiSpec Spec = OpenApiSpec.Load();

    [Fact]
    public void CatalogHttpFunctions_EachIsInTheDocument()
    {
        var documented = DocumentedOperations();

        var missing = CatalogOperations().Where(o => !documented.Contains(o)).ToArray();

        Assert.True(
            missing.Length == 0,
            "Served but not in functions/RiskFunctions.Handler/OpenApi/riskfunctions.openapi.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void DocumentedOperations_EachIsServedOrKnownToBePlanned()
    {
        var served = CatalogOperations();

        var unplanned = DocumentedOperations().Where(o => !served.Contains(o) && !NotYetServed.Contains(o)).ToArray();

        Assert.True(unplanned.Length == 0, "Documented but neither served nor planned: " + string.Join(", ", unplanned));
    }

    private static HashSet<string> CatalogOperations() =>
        FunctionCatalog.All
            .Select(f => f.Trigger)
            .OfType<HttpTrigger>()
            .SelectMany(t => t.Methods.Select(method => $"{method} {HandlerEndpoint.RouteKey(t.Route)}"))
            .ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> DocumentedOperations() =>
        Spec.Operations().Select(o => $"{o.Method} {HandlerEndpoint.RouteKey(o.Path)}").ToHashSet(StringComparer.Ordinal);
}
