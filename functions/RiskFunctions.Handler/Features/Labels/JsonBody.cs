using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Handler.Errors;

namespace RiskFunctions.Handler.Features.Labels;

/// <summary>Reads a JSON request body with the contract's strict serializer; a bad body becomes a 4xx naming the field.</summary>
internal static class JsonBody
{
    /// <summary>The body, or a problem in the risk API's error format.</summary>
    public static async Task<(T? Value, ApiError? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var (value, error) = await ReadWithProblemAsync(request, typeInfo).ConfigureAwait(false);
        return (value, error is null ? null : ApiError.Create(error.StatusCode, error.Errors));
    }

    /// <summary>The body, or the problem with it for the caller to answer in its endpoint's error format.</summary>
    public static async Task<(T? Value, ClientError? Error)> ReadWithProblemAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, new ClientError(StatusCodes.Status415UnsupportedMediaType, [new("content-type", "must be application/json")]));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, ClientError.BadRequest("body", "is required")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ClientError.BadRequest(JsonReadErrors.Describe(ex, typeInfo)));
        }
    }
}
