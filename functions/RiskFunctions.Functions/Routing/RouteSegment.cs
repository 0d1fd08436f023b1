namespace RiskFunctions.Functions.Routing;

/// <summary>
/// A route value as the client meant it. The host matches routes on the path as ASP.NET Core decoded it, which
/// decodes every escape but an encoded slash (<c>%2F</c>): that one stays encoded, so that it cannot split a segment,
/// and so a route value holding it holds the client's <c>/</c>. What this cannot tell apart is a literal <c>%2F</c>
/// in the value, sent as <c>%252F</c>: the host decodes it to the same text, and it is read as a slash too.
/// </summary>
public static class RouteSegment
{
    private const string EncodedSlash = "%2F";

    /// <summary>The value with each encoded slash the host left in it decoded.</summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Contains(EncodedSlash, StringComparison.OrdinalIgnoreCase)
            ? value.Replace(EncodedSlash, "/", StringComparison.OrdinalIgnoreCase)
            : value;
    }
}
