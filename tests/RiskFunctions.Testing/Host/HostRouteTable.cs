using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RiskFunctions.Testing.Host;

/// <summary>
/// The host's own routing of incoming HTTP requests to functions: each forwarded HTTP function's
/// <c>route</c> under the <c>routePrefix</c>, its <c>methods</c> and inline constraints, most specific
/// template first. A request no function matches never reaches the handler.
/// </summary>
public sealed class HostRouteTable
{
    private static readonly IInlineConstraintResolver ConstraintResolver =
        new DefaultInlineConstraintResolver(Options.Create(new RouteOptions()), new ServiceCollection().BuildServiceProvider());

    private readonly List<Entry> _entries;

    public HostRouteTable(FunctionApp app)
    {
        _entries = [.. app.Functions
            .Where(f => f.IsForwardedHttp)
            .Select(f =>
            {
                var trigger = f.Trigger!;
                var route = trigger.GetString("route") ?? f.Name;
                var template = TemplateParser.Parse(string.IsNullOrEmpty(app.Host.RoutePrefix) ? route : app.Host.RoutePrefix + "/" + route);
                return new Entry(f, template, new TemplateMatcher(template, new RouteValueDictionary()), trigger.Methods);
            })
            .OrderBy(e => RoutePrecedence.ComputeInbound(e.Template))];
    }

    /// <summary>The function serving <paramref name="method"/> <paramref name="path"/>, or null (the host answers 404).</summary>
    public FunctionMetadata? Match(string method, string path)
    {
        foreach (var entry in _entries)
        {
            var values = new RouteValueDictionary();
            if (!entry.Matcher.TryMatch(path, values) || !ConstraintsHold(entry.Template, values))
            {
                continue;
            }

            if (entry.Methods.Count == 0 || entry.Methods.Contains(method.ToUpperInvariant()))
            {
                return entry.Function;
            }
        }

        return null;
    }

    private static bool ConstraintsHold(RouteTemplate template, RouteValueDictionary values) =>
        template.Parameters.All(parameter => parameter.InlineConstraints.All(inline =>
            ConstraintResolver.ResolveConstraint(inline.Constraint) is not IRouteConstraint constraint
            || constraint.Match(httpContext: null, route: null, parameter.Name!, values, RouteDirection.IncomingRequest)));

    private sealed record Entry(FunctionMetadata Function, RouteTemplate Template, TemplateMatcher Matcher, IReadOnlyList<string> Methods);
}
