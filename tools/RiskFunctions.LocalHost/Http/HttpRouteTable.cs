using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using RiskFunctions.LocalHost.Functions;

namespace RiskFunctions.LocalHost.Http;

/// <summary>
/// Chooses the HTTP function for a request as the Functions host does: each function's <c>route</c> (its name when
/// it has none) under the route prefix, ASP.NET Core route templates with inline constraints and optional
/// parameters, most specific template first, then the function's <c>methods</c> (none listed: any). A request that
/// no function takes, including one whose method no matching function allows, is not found.
/// </summary>
internal sealed class HttpRouteTable
{
    private readonly IInlineConstraintResolver _constraints;
    private readonly List<Entry> _entries;

    public HttpRouteTable(IEnumerable<LoadedFunction> functions, string routePrefix, IInlineConstraintResolver constraints)
    {
        _constraints = constraints;
        _entries = [.. functions
            .Where(f => f.IsHttp)
            .Select(f =>
            {
                var template = TemplateParser.Parse(f.HttpRoute(routePrefix));
                var defaults = new RouteValueDictionary(template.Parameters
                    .Where(p => p.DefaultValue is not null)
                    .ToDictionary(p => p.Name!, p => p.DefaultValue));
                var methods = f.Trigger.GetStrings("methods").Select(m => m.ToUpperInvariant()).ToHashSet();
                return new Entry(f, template, new TemplateMatcher(template, defaults), methods);
            })
            .OrderBy(e => RoutePrecedence.ComputeInbound(e.Template))];
    }

    public HttpRouteMatch? Match(string method, PathString path)
    {
        foreach (var entry in _entries)
        {
            var values = new RouteValueDictionary();
            if (entry.Matcher.TryMatch(path, values)
                && ConstraintsHold(entry.Template, values)
                && (entry.Methods.Count == 0 || entry.Methods.Contains(method.ToUpperInvariant())))
            {
                return new HttpRouteMatch(entry.Function, values);
            }
        }

        return null;
    }

    private bool ConstraintsHold(RouteTemplate template, RouteValueDictionary values) =>
        template.Parameters.All(parameter =>
            !values.ContainsKey(parameter.Name!)
            || parameter.InlineConstraints.All(inline =>
                _constraints.ResolveConstraint(inline.Constraint) is not { } constraint
                || constraint.Match(httpContext: null, route: null, parameter.Name!, values, RouteDirection.IncomingRequest)));

    private sealed record Entry(LoadedFunction Function, RouteTemplate Template, TemplateMatcher Matcher, HashSet<string> Methods);
}

/// <summary>The function a request goes to and the route values its template captured.</summary>
internal sealed record HttpRouteMatch(LoadedFunction Function, RouteValueDictionary Values);
