using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Contract.Serialization;

/// <summary>
/// Turns a failure to read a request body into the same <c>"&lt;field&gt;: &lt;what is wrong&gt;"</c> form the
/// validators use, naming the field by its wire path and never exposing .NET type names.
/// </summary>
public static class JsonReadErrors
{
    private const int MaxEchoedNameLength = 64;

    /// <summary>Describes why <paramref name="exception"/> was thrown while reading a <paramref name="bodyType"/>.</summary>
    /// <param name="exception">What <see cref="JsonSerializer"/> threw.</param>
    /// <param name="bodyType">The type that was being read, e.g. <c>RiskJsonContext.Default.LabelRequest</c>.</param>
    /// <param name="offendingKind">The kind of the value at the exception's path when the caller knows it: a JSON
    /// number refused by a numeric field is out of range, not of the wrong type.</param>
    public static FieldError Describe(JsonException exception, JsonTypeInfo bodyType, JsonValueKind offendingKind = JsonValueKind.Undefined)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(bodyType);

        // The serializer wraps the reader's own exception (an internal JsonException subclass) when the text is
        // not JSON at all or nests too deeply; every other failure is about a value. A truncated document also
        // mentions depth ("expected depth to be zero"), so only the limit's own wording means too deep.
        if (exception.InnerException is JsonException reader)
        {
            return new FieldError(FieldError.Body, reader.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
                ? string.Create(CultureInfo.InvariantCulture, $"must not nest deeper than {bodyType.Options.MaxDepth} levels")
                : SyntaxMessage(exception));
        }

        var segments = ParsePath(exception.Path);
        var field = segments.Count == 0 ? FieldError.Body : FormatPath(segments);
        if (exception is WireFormatException)
        {
            return new FieldError(field, exception.Message);
        }

        // The reader could not turn a string into text: bytes that are not UTF-8, or an escaped lone surrogate
        // (e.g. "\ud800"). The value is a string, so "must be a string" would send the client looking elsewhere.
        // Like a token of the wrong type, this arrives as a wrapped InvalidOperationException; only its wording
        // (invalid UTF-8, invalid or incomplete UTF-16) tells the two apart.
        if (exception.InnerException is InvalidOperationException { Message: var inner } && inner.Contains(" UTF-", StringComparison.Ordinal))
        {
            return new FieldError(field, "must be valid Unicode text (UTF-8, no unpaired surrogate escapes)");
        }

        if (segments.Count == 0)
        {
            return new FieldError(FieldError.Body, bodyType.Kind == JsonTypeInfoKind.Object
                ? "must be a JSON object with the documented fields"
                : "is not of the documented shape");
        }

        return Resolve(bodyType, segments) switch
        {
            { Found: true } when IsDuplicate(exception) => new FieldError(field, "must not appear more than once"),
            { Found: true, Type: var type } => new FieldError(field, Expected(type, offendingKind)),
            { Found: false, UnknownProperty: true, Type: var holder } => new FieldError(field, UnknownFieldHint.Describe(segments[^1].Name, holder)),
            _ => new FieldError(field, "is not of the documented shape"),
        };
    }

    private static string SyntaxMessage(JsonException exception) =>
        exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $"is not valid JSON (line {line + 1}, position {position + 1})")
            : "is not valid JSON";

    // The serializer reports a repeated key as an ordinary JsonException on that key's path; its message is the
    // only thing that tells it apart from a value of the wrong type.
    private static bool IsDuplicate(JsonException exception) =>
        exception.Message.StartsWith("Duplicate ", StringComparison.Ordinal);

    private static string Expected(JsonTypeInfo? type, JsonValueKind offendingKind)
    {
        if (type is null)
        {
            return "is not of the documented shape";
        }

        var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        return Type.GetTypeCode(clr) switch
        {
            TypeCode.String => "must be a string",
            TypeCode.Boolean => "must be true or false",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => "must be a whole number in range",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => offendingKind == JsonValueKind.Number ? "is out of range" : "must be a number",
            _ => type.Kind switch
            {
                JsonTypeInfoKind.Enumerable => "must be an array",
                JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "must be an object",
                _ => "is not of the documented shape",
            },
        };
    }

    private static Resolution Resolve(JsonTypeInfo root, List<Segment> segments)
    {
        JsonTypeInfo? current = root;
        for (var i = 0; i < segments.Count; i++)
        {
            if (current is null)
            {
                return default;
            }

            var segment = segments[i];
            Type? next;
            if (segment.Index is not null)
            {
                next = current.Kind == JsonTypeInfoKind.Enumerable ? current.ElementType : null;
            }
            else if (current.Kind == JsonTypeInfoKind.Dictionary)
            {
                next = current.ElementType;
            }
            else if (current.Kind == JsonTypeInfoKind.Object)
            {
                var property = current.Properties.FirstOrDefault(p => string.Equals(p.Name, segment.Name, StringComparison.Ordinal));
                if (property is null)
                {
                    // An unknown field resolves to the object that would have held it, for the hint of what was meant.
                    return new Resolution(Found: false, UnknownProperty: i == segments.Count - 1, Type: current);
                }

                next = property.PropertyType;
            }
            else
            {
                return default;
            }

            if (next is null)
            {
                return default;
            }

            current = current.Options.TryGetTypeInfo(next, out var info) ? info : null;
        }

        return new Resolution(Found: true, UnknownProperty: false, Type: current);
    }

    // Parses the serializer's JSONPath subset: $.name, $['odd name'], [3].
    internal static List<Segment> ParsePath(string? path)
    {
        var segments = new List<Segment>();
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return segments;
        }

        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                segments.Add(new Segment(path[(i + 1)..end], null));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }

                segments.Add(new Segment(path[(i + 2)..end], null));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    break;
                }

                segments.Add(new Segment(string.Empty, index));
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
    }

    private static string FormatPath(List<Segment> segments)
    {
        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Index is { } index)
            {
                builder.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                // Unknown keys are echoed back, so a hostile 10 KB key must not come back whole.
                builder.Append(segment.Name.AsSpan(0, Math.Min(segment.Name.Length, MaxEchoedNameLength)));
                if (segment.Name.Length > MaxEchoedNameLength)
                {
                    builder.Append('…');
                }
            }
        }

        return builder.ToString();
    }

    internal readonly record struct Segment(string Name, int? Index);

    private readonly record struct Resolution(bool Found, bool UnknownProperty, JsonTypeInfo? Type);
}
