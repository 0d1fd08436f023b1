using Microsoft.AspNetCore.Routing.Patterns;

namespace RiskFunctions.Functions.Tests.OpenApi;

/// <summary>
/// The document and the worker's generated <c>functions.metadata</c> list the same HTTP operations: every HTTP
/// function's route and method is documented, and every documented operation is served.
/// </summary>
public sealed class OpenApiCatalogTests
{
    private static readonly OpenApiSpec Spec = OpenApiSpec.Load();

    [Fact]
    public void HttpFunctions_EachIsInTheDocument()
    {
        var documented = DocumentedOperations();

        var missing = ServedOperations().Where(o => !documented.Contains(o)).ToArray();

        Assert.True(missing.Length == 0, "Served but not in the OpenAPI document: " + string.Join(", ", missing));
    }

    [Fact]
    public void DocumentedOperations_EachIsServed()
    {
        var served = ServedOperations();

        var unserved = DocumentedOperations().Where(o => !served.Contains(o)).ToArray();

        Assert.True(unserved.Length == 0, "Documented but served by no function: " + string.Join(", ", unserved));
    }

    [Fact]
    public void HttpFunctions_AreRead()
    {
        // Guards the two tests above against comparing two empty sets.
        Assert.Contains("POST /risk/v1/action/trigger-action", ServedOperations());
        Assert.Contains("GET /risk/v1/label/{}", ServedOperations());
    }

    /// <summary>
    /// Every operation an HTTP function serves, except the catch-all that answers 404 for every path no operation
    /// takes: it is the API's error behaviour, not an operation of it.
    /// </summary>
    private static HashSet<string> ServedOperations() =>
        FunctionMetadataFile.Http
            .Where(function => function.Name != nameof(Routing.NotFoundFunction.NotFound))
            .SelectMany(function => function.Methods.Select(method => $"{method} {RouteKey(function.Route)}"))
            .ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> DocumentedOperations() =>
        Spec.Operations().Select(o => $"{o.Method} {RouteKey(o.Path)}").ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A comparable form of a route: lower-case literals, parameters by position only (the functions' parameter
    /// names and constraints are C#'s, the document's are the wire's).
    /// </summary>
    private static string RouteKey(string template) =>
        "/" + string.Join('/', RoutePatternFactory.Parse(template).PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content.ToLowerInvariant(),
            RoutePatternParameterPart => "{}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new NotSupportedException(part.GetType().Name),
        }))));
}
