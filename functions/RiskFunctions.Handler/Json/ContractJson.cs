using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Handler.Errors;

namespace RiskFunctions.Handler.Json;

/// <summary>
/// Reads a request body as a contract type with the contract's own strict options (numbers as numbers, no
/// duplicate keys, no unknown fields where the type forbids them). Minimal API body binding would use the
/// app-wide web options instead, which accept <c>"10"</c> for a number.
/// </summary>
public static class ContractJson
{
    /// <summary>The body as <typeparamref name="T"/>, or the 4xx error that says what is wrong with it.</summary>
    public static async Task<(T? Value, ApiError? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(type);
        if (!request.HasJsonContentType())
        {
            return (null, ApiError.Create(StatusCodes.Status415UnsupportedMediaType, [ApiError.Describe("content-type", "must be application/json")]));
        }

        if (request.ContentLength == 0)
        {
            return (null, ApiError.BadRequest(FieldError.Body, "is required"));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, request.HttpContext.RequestAborted);
            return value is null
                ? (null, ApiError.BadRequest(FieldError.Body, "must be a JSON object"))
                : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, ApiError.Create(StatusCodes.Status400BadRequest, [JsonReadErrors.Describe(exception, type)]));
        }
    }
}
