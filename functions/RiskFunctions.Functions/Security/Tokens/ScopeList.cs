namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>Parsing and normalising OAuth scope lists.</summary>
public static class ScopeList
{
    /// <summary>The known scopes among <paramref name="values"/>, each once, in <see cref="RiskScopes.All"/> order.</summary>
    public static string[] KnownScopes(IEnumerable<string> values)
    {
        var requested = new HashSet<string>(values, StringComparer.Ordinal);
        return [.. RiskScopes.All.Where(requested.Contains)];
    }

    /// <summary>Splits a space-separated <c>scope</c> value (RFC 6749 section 3.3).</summary>
    public static string[] Split(string? scope) =>
        string.IsNullOrWhiteSpace(scope) ? [] : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> scopes) => string.Join(' ', scopes);
}
