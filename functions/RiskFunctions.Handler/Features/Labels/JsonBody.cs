using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Handler.Errors;

namespace RiskFunctions.Handler.Features.Labels;

/// <summary>Reads a JSON request body with the contract's strict serializer; a bad body becomes a 400 naming the field.</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, ApiError? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiError.Create(StatusCodes.Status415UnsupportedMediaType, [ApiError.Describe("content-type", "must be application/json")]));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, ApiError.BadRequest("body", "is required")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiError.Create(StatusCodes.Status400BadRequest, [JsonReadErrors.Describe(ex, typeInfo)]));
        }
    }
}
