using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RiskFunctions.LocalHost.Functions;
using RiskFunctions.LocalHost.Http;

namespace RiskFunctions.LocalHost.Tests.Http;

public sealed class HttpRouteTableTests
{
    private static readonly IInlineConstraintResolver Constraints =
        new ServiceCollection().AddRouting().BuildServiceProvider().GetRequiredService<IInlineConstraintResolver>();

    [Fact]
    public void Match_LiteralAndParameterBothFit_LiteralWins()
    {
        var table = Table("", Http("ByKey", "things/{key}"), Http("Special", "things/special"));

        Assert.Equal("Special", table.Match("GET", "/things/special")?.Function.Name);
        Assert.Equal("ByKey", table.Match("GET", "/things/other")?.Function.Name);
    }

    [Fact]
    public void Match_ConstraintFails_NoMatch()
    {
        var table = Table("", Http("Item", "items/{id:int:min(1)}"));

        Assert.Null(table.Match("GET", "/items/abc"));
        Assert.Null(table.Match("GET", "/items/0"));
        Assert.Equal("5", table.Match("GET", "/items/5")?.Values["id"]);
    }

    [Fact]
    public void Match_MethodNotListed_NoMatchEvenThoughRouteFits()
    {
        var table = Table("", Http("ReadOnly", "things", "get"));

        Assert.Null(table.Match("POST", "/things"));
        Assert.NotNull(table.Match("get", "/things"));
    }

    [Fact]
    public void Match_NoMethodsListed_AnyMethodMatches()
    {
        var table = Table("", Http("Any", "any"));

        Assert.NotNull(table.Match("PATCH", "/any"));
    }

    [Fact]
    public void Match_DefaultPrefixAndNoRoute_FunctionNameUnderApi()
    {
        var table = Table("api", Http("Health", route: null));

        Assert.NotNull(table.Match("GET", "/api/Health"));
        Assert.Null(table.Match("GET", "/Health"));
    }

    [Fact]
    public void Match_CatchAllAndOptional_CapturesValues()
    {
        var table = Table("", Http("Files", "files/{*path}"), Http("Page", "page/{n?}"));

        Assert.Equal("a/b/c.txt", table.Match("GET", "/files/a/b/c.txt")?.Values["path"]);
        Assert.False(table.Match("GET", "/page")!.Values.ContainsKey("n"));
    }

    private static HttpRouteTable Table(string prefix, params LoadedFunction[] functions) => new(functions, prefix, Constraints);

    private static LoadedFunction Http(string name, string? route, params string[] methods)
    {
        var routeJson = route is null ? string.Empty : $",\"route\":\"{route}\"";
        var methodsJson = methods.Length == 0 ? string.Empty : $",\"methods\":[{string.Join(',', methods.Select(m => $"\"{m}\""))}]";
        var trigger = FunctionBinding.Parse($"{{\"name\":\"req\",\"type\":\"httpTrigger\",\"direction\":\"In\"{routeJson}{methodsJson}}}");
        return new LoadedFunction(name, Guid.NewGuid().ToString(), trigger, [trigger]);
    }
}
