using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Handler.Errors;

namespace RiskFunctions.Handler.Json;

/// <summary>Reads a JSON request body within a size limit, turning every way it can be wrong into a precise 4xx.</summary>
internal static class RequestBody
{
    /// <summary>The body's bytes, or <c>null</c> when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)length : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }

    /// <summary>The body as <typeparamref name="T"/>, or the error to answer with.</summary>
    public static async Task<(T? Value, ApiError? Error)> ReadJsonAsync<T>(HttpRequest request, JsonTypeInfo<T> type, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is { } contentType
            && (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !IsJson(media)))
        {
            return (null, ApiError.Create(StatusCodes.Status415UnsupportedMediaType, [ApiError.Describe("content-type", "must be application/json")]));
        }

        var body = await ReadAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, ApiError.Create(StatusCodes.Status413PayloadTooLarge, [ApiError.Describe(FieldError.Body, $"must be at most {maxBytes} bytes")]));
        }

        if (body.Length == 0)
        {
            return (null, ApiError.BadRequest(FieldError.Body, "is required: a JSON object"));
        }

        try
        {
            return JsonSerializer.Deserialize(body, type) is { } value
                ? (value, null)
                : (null, ApiError.BadRequest(FieldError.Body, "must be a JSON object, not null"));
        }
        catch (JsonException ex)
        {
            return (null, ApiError.Create(StatusCodes.Status400BadRequest, [JsonReadErrors.Describe(ex, type)]));
        }
    }

    private static bool IsJson(MediaTypeHeaderValue media) =>
        media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true;
}
