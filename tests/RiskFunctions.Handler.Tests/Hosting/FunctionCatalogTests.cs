using RiskFunctions.Handler.Hosting;

namespace RiskFunctions.Handler.Tests.Hosting;

public sealed class FunctionCatalogTests
{
    private static readonly Lazy<IReadOnlyList<HandlerEndpoint>> Endpoints = new(HandlerEndpoint.FromProgram);

    [Fact]
    public void All_PassesTheCatalogRules()
    {
        Assert.Empty(FunctionCatalog.Validate(FunctionCatalog.All));
    }

    [Theory]
    [InlineData("Health", true)]
    [InlineData("label-propagation_2", true)]
    [InlineData("host", false)]
    [InlineData("HOST", false)]
    [InlineData("2fast", false)]
    [InlineData("has space", false)]
    [InlineData("", false)]
    public void IsValidName_FollowsTheHostsRule(string name, bool valid)
    {
        Assert.Equal(valid, FunctionDefinition.IsValidName(name));
    }

    [Fact]
    public void Validate_DuplicateNameOrRoute_IsReported()
    {
        FunctionDefinition[] catalog =
        [
            FunctionDefinition.Http("Rules", "risk/v1/rules", FunctionAuthLevel.Anonymous, "GET"),
            FunctionDefinition.Http("rules", "risk/v1/other", FunctionAuthLevel.Anonymous, "GET"),
            FunctionDefinition.Http("RulesAgain", "RISK/v1/rules", FunctionAuthLevel.Anonymous, "get"),
        ];

        var problems = FunctionCatalog.Validate(catalog);

        Assert.Contains(problems, p => p.Contains("'Rules' is used 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("GET risk/v1/rules is declared 2 times", StringComparison.Ordinal));
    }

    [Fact]
    public void HttpFunctions_EachRouteAndMethod_IsServedByAHandlerEndpoint()
    {
        var missing = FunctionCatalog.All
            .Where(f => f.IsHttp)
            .SelectMany(f => ((HttpTrigger)f.Trigger).Methods.Select(method => (f.Name, Method: method, Route: HandlerEndpoint.RouteKey(((HttpTrigger)f.Trigger).Route))))
            .Where(expected => !Endpoints.Value.Any(e => e.Route == expected.Route && e.Methods.Contains(expected.Method)))
            .Select(expected => $"{expected.Name}: {expected.Method} {expected.Route}")
            .ToList();

        Assert.True(missing.Count == 0, "Catalog functions without a handler endpoint: " + string.Join(", ", missing));
    }

    [Fact]
    public void HandlerEndpoints_EachPublicOne_IsACatalogFunction()
    {
        var catalogued = FunctionCatalog.All
            .Where(f => f.IsHttp)
            .SelectMany(f => ((HttpTrigger)f.Trigger).Methods.Select(method => (Method: method, Route: HandlerEndpoint.RouteKey(((HttpTrigger)f.Trigger).Route))))
            .ToHashSet();

        var strays = Endpoints.Value
            .Where(e => !e.IsHostProtocol && e.InvocationFunction is null)
            .SelectMany(e => (e.Methods.Count == 0 ? ["*"] : e.Methods).Select(method => (Method: method, e.Route)))
            .Where(endpoint => !catalogued.Contains(endpoint))
            .Select(endpoint => $"{endpoint.Method} {endpoint.Route}")
            .ToList();

        Assert.True(strays.Count == 0, "Handler endpoints the host cannot reach (add them to FunctionCatalog): " + string.Join(", ", strays));
    }

    [Fact]
    public void EnvelopeFunctions_EachHasAnInvocationEndpoint_AndNoOtherExists()
    {
        var expected = FunctionCatalog.All.Where(f => !f.IsHttp).Select(f => f.Name).Order().ToList();
        var mapped = Endpoints.Value.Where(e => e.InvocationFunction is not null).ToList();

        Assert.Equal(expected, mapped.Select(e => e.InvocationFunction!).Order());
        Assert.All(mapped, e =>
        {
            Assert.Equal(["POST"], e.Methods);
            Assert.Equal("/" + e.InvocationFunction!.ToLowerInvariant(), e.Route);
        });
    }

    [Fact]
    public void EnvelopeFunctions_EachHasExactlyOneInvocationHandler()
    {
        var expected = FunctionCatalog.All.Where(f => !f.IsHttp).Select(f => f.Name).Order();

        // A function without a handler would fail every delivery: its messages would end in the dead-letter queue.
        Assert.Equal(expected, HandlerEndpoint.InvocationHandlersFromProgram().Order());
    }

    [Fact]
    public void HostProtocol_ReadinessProbe_IsMappedAtRoot()
    {
        Assert.Contains(Endpoints.Value, e => e.IsHostProtocol && e.Route == "/" && e.Methods.Contains("GET"));
    }
}
