using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Contract.Serialization;

/// <summary>
/// Reads a request body as a contract type and reports every field the serializer refuses, not only the first:
/// after each refusal the offending field is taken out and the rest is read again, so a body with four bad enum
/// values answers four errors, and the validator can still check the fields that were readable.
/// </summary>
/// <remarks>
/// A UTF-8 byte-order mark is skipped, as a stream reader would: every endpoint accepts a body with or without
/// one. Text that is not JSON at all, or nests too deeply, stops at the first error, because nothing after it can
/// be located reliably.
/// </remarks>
public static class ContractReader
{
    /// <summary>The most refused fields reported for one body; each costs one more read of the remaining text.</summary>
    public const int MaxReportedFields = 32;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads <paramref name="utf8Json"/> as <typeparamref name="T"/>.</summary>
    /// <returns>
    /// The value read from the fields that could be read (absent when the text is not a JSON object of the type at
    /// all), and the problems found. A value with problems is only for validating the rest of the request.
    /// </returns>
    public static ContractRead<T> Read<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        if (utf8Json.StartsWith(Utf8ByteOrderMark))
        {
            utf8Json = utf8Json[Utf8ByteOrderMark.Length..];
        }

        if (utf8Json.IsEmpty)
        {
            return ContractRead<T>.Refused(new FieldError(FieldError.Body, "is required: a JSON object"));
        }

        try
        {
            return JsonSerializer.Deserialize(utf8Json, type) is { } value
                ? ContractRead<T>.Read(value, [])
                : ContractRead<T>.Refused(new FieldError(FieldError.Body, "must be a JSON object, not null"));
        }
        catch (JsonException first)
        {
            return ReadAroundRefusals(utf8Json, type, first);
        }
    }

    private static ContractRead<T> ReadAroundRefusals<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> type, JsonException first)
        where T : class
    {
        var document = ParseOrNull(utf8Json, type.Options);
        var errors = new List<FieldError> { JsonReadErrors.Describe(first, type, KindAt(document, first.Path)) };
        var refusal = first;
        while (document is not null && errors.Count < MaxReportedFields && Remove(document, refusal.Path))
        {
            try
            {
                return ContractRead<T>.Read(document.Deserialize(type), errors);
            }
            catch (JsonException next)
            {
                errors.Add(JsonReadErrors.Describe(next, type, KindAt(document, next.Path)));
                refusal = next;
            }
        }

        return ContractRead<T>.Read(null, errors);
    }

    private static JsonNode? ParseOrNull(ReadOnlySpan<byte> utf8Json, JsonSerializerOptions options)
    {
        try
        {
            return JsonNode.Parse(utf8Json, documentOptions: new JsonDocumentOptions
            {
                MaxDepth = options.MaxDepth,
                AllowTrailingCommas = false,
                CommentHandling = JsonCommentHandling.Disallow,
                AllowDuplicateProperties = false,
            }) as JsonObject;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON, invalid UTF-8 or duplicate keys: the first error is all that can be said.
            return null;
        }
    }

    private static JsonValueKind KindAt(JsonNode? document, string? path) =>
        Find(document, JsonReadErrors.ParsePath(path), path is null ? 0 : int.MaxValue) is JsonValue value
            ? value.GetValueKind()
            : JsonValueKind.Undefined;

    // Takes the refused field out of the document. A refused array item takes its whole array with it: removing
    // the item alone would renumber the items after it and misname their own errors.
    private static bool Remove(JsonNode document, string? path)
    {
        var segments = JsonReadErrors.ParsePath(path);
        var last = segments.FindLastIndex(s => s.Index is null);
        if (last < 0 || Find(document, segments, last) is not JsonObject parent)
        {
            return false;
        }

        return parent.Remove(segments[last].Name);
    }

    // The node reached by the first <paramref name="count"/> segments.
    private static JsonNode? Find(JsonNode? node, List<JsonReadErrors.Segment> segments, int count)
    {
        for (var i = 0; i < Math.Min(count, segments.Count) && node is not null; i++)
        {
            var segment = segments[i];
            node = segment.Index is { } index
                ? node is JsonArray array && index < array.Count ? array[index] : null
                : node is JsonObject obj && obj.TryGetPropertyValue(segment.Name, out var child) ? child : null;
        }

        return node;
    }
}
