using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using RiskFunctions.Handler.Hosting;
using RiskFunctions.Handler.Hosting.Invocations;

namespace RiskFunctions.Handler.Tests.Hosting;

/// <summary>One endpoint of the composed handler as routing sees it.</summary>
internal sealed record HandlerEndpoint(string Route, IReadOnlyList<string> Methods, bool IsHostProtocol, string? InvocationFunction)
{
    /// <summary>The functions the real <c>Program</c> composition registers an invocation handler for.</summary>
    public static IReadOnlyList<string> InvocationHandlersFromProgram()
    {
        using var factory = new WebApplicationFactory<Program>();
        return [.. factory.Services.GetServices<InvocationHandlerRegistration>().Select(r => r.FunctionName)];
    }

    /// <summary>Every route endpoint of the real <c>Program</c> composition, read from its <see cref="EndpointDataSource"/>.</summary>
    public static IReadOnlyList<HandlerEndpoint> FromProgram()
    {
        using var factory = new WebApplicationFactory<Program>();
        var dataSource = factory.Services.GetRequiredService<EndpointDataSource>();
        return [.. dataSource.Endpoints.OfType<RouteEndpoint>().Select(endpoint => new HandlerEndpoint(
            RouteKey(endpoint.RoutePattern),
            endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [],
            endpoint.Metadata.GetMetadata<HostProtocolMetadata>() is not null,
            endpoint.Metadata.GetMetadata<FunctionInvocationMetadata>()?.FunctionName))];
    }

    /// <summary>
    /// A comparable form of a route: lower-case literals, parameters by name only (constraints and
    /// defaults differ legitimately between the host's template and the endpoint's).
    /// </summary>
    public static string RouteKey(string template) => RouteKey(RoutePatternFactory.Parse(template));

    private static string RouteKey(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content.ToLowerInvariant(),
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new NotSupportedException(part.GetType().Name),
        }))));
}
