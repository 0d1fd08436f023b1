using System.Text.RegularExpressions;

namespace RiskFunctions.Handler.Hosting;

/// <summary>One function of the app: its name (also its folder and envelope path) and its trigger.</summary>
public sealed partial record FunctionDefinition(string Name, FunctionTrigger Trigger)
{
    /// <summary>Whether the host forwards HTTP requests for this function (as opposed to posting envelopes).</summary>
    public bool IsHttp => Trigger is HttpTrigger;

    /// <summary>An HTTP operation; <paramref name="route"/> has no leading slash and no route prefix.</summary>
    public static FunctionDefinition Http(string name, string route, FunctionAuthLevel authLevel, params IReadOnlyList<string> methods) =>
        new(name, new HttpTrigger(route, [.. methods.Select(method => method.ToUpperInvariant())], authLevel));

    /// <summary>Names the host accepts for a function folder (case-insensitive).</summary>
    public static bool IsValidName(string name) =>
        ValidName().IsMatch(name) && !string.Equals(name, "host", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,127}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
