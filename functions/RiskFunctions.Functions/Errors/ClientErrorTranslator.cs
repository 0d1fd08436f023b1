using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Functions.Errors;

/// <summary>
/// Maps the exceptions that mean "the client sent something wrong" to a status and field errors:
/// minimal API binding failures (thrown because <c>ThrowOnBadRequest</c> is on), JSON that does not
/// parse or does not fit, and Kestrel's own request rejections (body too large, truncated body).
/// Anything else is not a client error and yields <see langword="null"/>.
/// </summary>
internal static partial class ClientErrorTranslator
{
    private const int MaxEchoedValueLength = 64;

    /// <summary>Whether the exception is the client's mistake (no error log, no 500).</summary>
    public static bool IsClientError(Exception exception) => exception is BadHttpRequestException or JsonException;

    public static ClientError? Translate(Exception exception, HttpContext httpContext, Endpoint? endpoint) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => FromJson(json, httpContext, endpoint),
        BadHttpRequestException badRequest => FromBadRequest(badRequest, httpContext, endpoint),
        JsonException json => FromJson(json, httpContext, endpoint),
        _ => null,
    };

    /// <summary>
    /// Describes the JSON failure against the type the endpoint binds its body to, so the message can
    /// say what the field must be; without a known body type the path alone is named.
    /// </summary>
    private static ClientError FromJson(JsonException exception, HttpContext httpContext, Endpoint? endpoint)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType ?? typeof(JsonElement);
        if (!options.TryGetTypeInfo(bodyType, out var typeInfo) && !options.TryGetTypeInfo(typeof(JsonElement), out typeInfo))
        {
            return ClientError.BadRequest(FieldError.Body, "is not valid JSON");
        }

        return ClientError.BadRequest(JsonReadErrors.Describe(exception, typeInfo));
    }

    private static ClientError FromBadRequest(BadHttpRequestException exception, HttpContext httpContext, Endpoint? endpoint)
    {
        var message = exception.Message;
        switch (exception.StatusCode)
        {
            case StatusCodes.Status413PayloadTooLarge:
                var limit = httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
                return ClientError.TooLarge(limit);
            case StatusCodes.Status415UnsupportedMediaType:
                return new ClientError(StatusCodes.Status415UnsupportedMediaType, [new FieldError("content-type", message.Contains("form", StringComparison.OrdinalIgnoreCase)
                    ? "must be application/x-www-form-urlencoded"
                    : "must be application/json")]);
            case StatusCodes.Status400BadRequest:
                break;
            default:
                return new ClientError(exception.StatusCode, []);
        }

        var binding = BindingFailure().Match(message);
        if (binding.Success)
        {
            var field = WireName(endpoint, binding.Groups["parameter"].Value);
            var value = binding.Groups["value"].Value;
            if (value.Length > MaxEchoedValueLength)
            {
                value = value[..MaxEchoedValueLength] + "...";
            }

            return ClientError.BadRequest(field, $"'{value}' is not a valid value");
        }

        var required = RequiredParameter().Match(message);
        if (required.Success)
        {
            var source = required.Groups["source"].Value;
            return source.Equals("body", StringComparison.OrdinalIgnoreCase)
                ? ClientError.BadRequest(FieldError.Body, "is required")
                : ClientError.BadRequest(WireName(endpoint, required.Groups["parameter"].Value), "is required");
        }

        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
        {
            return ClientError.BadRequest(FieldError.Body, "is required");
        }

        if (message.Contains("as form", StringComparison.Ordinal))
        {
            return ClientError.BadRequest(FieldError.Body, "is not a valid form");
        }

        return ClientError.BadRequest("request", "could not be read");
    }

    /// <summary>
    /// The name the client used for a handler parameter: binding failures report the C# parameter
    /// name, but <c>[FromQuery(Name = "action_token")] string actionToken</c> is <c>action_token</c> on
    /// the wire.
    /// </summary>
    private static string WireName(Endpoint? endpoint, string signature)
    {
        var parameterName = signature[(signature.LastIndexOf(' ') + 1)..];
        var method = endpoint?.Metadata.GetMetadata<MethodInfo>();
        var parameter = method?.GetParameters().FirstOrDefault(p => p.Name == parameterName);
        var declared = parameter?.GetCustomAttributes()
            .Select(attribute => attribute switch
            {
                IFromQueryMetadata query => query.Name,
                IFromRouteMetadata route => route.Name,
                IFromHeaderMetadata header => header.Name,
                IFromFormMetadata form => form.Name,
                _ => null,
            })
            .FirstOrDefault(name => !string.IsNullOrEmpty(name));
        return declared ?? parameterName;
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<parameter>[^"]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindingFailure();

    [GeneratedRegex("""^Required parameter "(?<parameter>[^"]+)" was not provided from (?<source>[^.]+)\.$""")]
    private static partial Regex RequiredParameter();
}
