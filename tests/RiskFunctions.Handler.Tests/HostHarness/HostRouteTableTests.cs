using RiskFunctions.Testing.Host;

namespace RiskFunctions.Handler.Tests.HostHarness;

/// <summary>The harness routes requests to functions as the host does, before anything is forwarded.</summary>
public sealed class HostRouteTableTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "riskfunctions-routes-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Match_RouteWithParameterAndMethod_FindsTheFunction()
    {
        var routes = Routes(prefix: "\"\"", ("Rule", "rules/{rule_id}", "\"get\", \"put\""), ("Rules", "rules", "\"get\""));

        Assert.Equal("Rule", routes.Match("PUT", "/rules/abc")?.Name);
        Assert.Equal("Rules", routes.Match("GET", "/rules")?.Name);
        Assert.Null(routes.Match("DELETE", "/rules/abc"));
        Assert.Null(routes.Match("GET", "/other"));
    }

    [Fact]
    public void Match_WithoutExplicitPrefix_UsesTheHostsDefaultApiPrefix()
    {
        var routes = Routes(prefix: null, ("Health", "health", "\"get\""));

        Assert.Null(routes.Match("GET", "/health"));
        Assert.Equal("Health", routes.Match("GET", "/api/health")?.Name);
    }

    [Fact]
    public void Match_InlineConstraint_IsEnforced()
    {
        var routes = Routes(prefix: "\"\"", ("Item", "items/{id:int}", "\"get\""));

        Assert.Equal("Item", routes.Match("GET", "/items/12")?.Name);
        Assert.Null(routes.Match("GET", "/items/twelve"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private HostRouteTable Routes(string? prefix, params (string Name, string Route, string Methods)[] functions)
    {
        Directory.CreateDirectory(_root);
        var extensions = prefix is null ? string.Empty : $$""", "extensions": { "http": { "routePrefix": {{prefix}} } }""";
        File.WriteAllText(Path.Combine(_root, "host.json"),
            $$"""{ "version": "2.0", "customHandler": { "description": { "defaultExecutablePath": "x" }, "enableForwardingHttpRequest": true }{{extensions}} }""");
        foreach (var (name, route, methods) in functions)
        {
            Directory.CreateDirectory(Path.Combine(_root, name));
            File.WriteAllText(Path.Combine(_root, name, "function.json"),
                $$"""{ "bindings": [ { "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "anonymous", "methods": [{{methods}}], "route": "{{route}}" }, { "type": "http", "direction": "out", "name": "res" } ] }""");
        }

        return new HostRouteTable(new FunctionApp(_root));
    }
}
