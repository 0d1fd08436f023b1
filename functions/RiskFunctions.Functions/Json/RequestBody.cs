using System.Buffers;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Errors;

namespace RiskFunctions.Functions.Json;

/// <summary>
/// Reads request bodies within a size limit; the one place where every JSON endpoint turns what it was sent into a
/// contract value or a precise 4xx, so that a byte-order mark, an empty body or a wrong content type is answered
/// the same way everywhere.
/// </summary>
internal static class RequestBody
{
    /// <summary>The limit of a JSON body where the endpoint sets none of its own (the hosting default).</summary>
    public const int DefaultMaxBytes = 64 * 1024;

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

    /// <summary>
    /// The body as <typeparamref name="T"/>: an empty body is a 400, a body that is not JSON by its content type a
    /// 415, one over <paramref name="maxBytes"/> a 413; otherwise every refused field, for the caller to merge with
    /// its validator's findings through <see cref="JsonBody{T}.Problem(ValidationResult)"/>.
    /// </summary>
    public static async Task<JsonBody<T>> ReadJsonAsync<T>(HttpRequest request, JsonTypeInfo<T> type, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
        where T : class
    {
        var body = await ReadAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return JsonBody<T>.Refused(ClientError.TooLarge(maxBytes));
        }

        if (body.Length > 0 && !IsJson(request.ContentType))
        {
            return JsonBody<T>.Refused(new ClientError(StatusCodes.Status415UnsupportedMediaType, [new FieldError("content-type", "must be application/json")]));
        }

        return JsonBody<T>.Of(ContractReader.Read(body, type));
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);
}
