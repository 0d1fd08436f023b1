using System.Text.Json;
using System.Text.RegularExpressions;

namespace RiskFunctions.Handler.Errors;

/// <summary>
/// Turns a <see cref="JsonException"/> into messages that name the offending field without leaking
/// CLR type names (System.Text.Json's own messages mention them).
/// </summary>
internal static partial class JsonErrorMessages
{
    public static IReadOnlyList<string> From(JsonException exception)
    {
        var field = FieldFromPath(exception.Path);

        var missing = MissingRequiredProperties().Match(exception.Message);
        if (missing.Success)
        {
            var prefix = field == "body" ? string.Empty : field + ".";
            return [.. QuotedNames().Matches(missing.Groups["names"].Value)
                .Select(name => ApiError.Describe(prefix + name.Groups["name"].Value, "is required"))];
        }

        if (exception.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return [ApiError.Describe(field, "is nested too deeply")];
        }

        // A reader failure means the text is not JSON at all; a converter failure means valid JSON
        // holding a value the field cannot take.
        if (IsSyntaxError(exception))
        {
            var where = exception.LineNumber is { } line && exception.BytePositionInLine is { } position
                ? $" (line {line + 1}, position {position + 1})"
                : string.Empty;
            return [ApiError.Describe("body", "is not valid JSON" + where)];
        }

        return [ApiError.Describe(field, "has a value of the wrong type or format")];
    }

    /// <summary><c>$.a.b[2]</c> becomes <c>a.b[2]</c>; the root (or no path) is the body itself.</summary>
    public static string FieldFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return BracketedName().Replace(field, match => (match.Index == 0 ? string.Empty : ".") + match.Groups["name"].Value);
    }

    private static bool IsSyntaxError(JsonException exception) =>
        exception.InnerException?.GetType().Name == "JsonReaderException"
        || exception.Message.Contains("invalid start of a value", StringComparison.Ordinal)
        || exception.Message.Contains("end of data", StringComparison.Ordinal);

    [GeneratedRegex(@"missing required properties including: (?<names>.+?)\.?(?: Path:|$)")]
    private static partial Regex MissingRequiredProperties();

    [GeneratedRegex(@"'(?<name>[^']+)'")]
    private static partial Regex QuotedNames();

    [GeneratedRegex(@"\['(?<name>[^']*)'\]")]
    private static partial Regex BracketedName();
}
