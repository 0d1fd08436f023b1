using Microsoft.AspNetCore.WebUtilities;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Errors;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Functions.Errors;

/// <summary>
/// The one way endpoints and middleware answer with an error: an <see cref="IResult"/> that writes
/// <see cref="ErrorResponse"/> with <c>Content-Type: application/json</c>. Use it in typed unions
/// (<c>Results&lt;Created&lt;T&gt;, ApiError&gt;</c>) and never hand-roll an error body.
/// </summary>
public sealed class ApiError : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ErrorResponse>, IContentTypeHttpResult
{
    /// <summary>The content type of every error body.</summary>
    public const string JsonContentType = "application/json";

    private ApiError(int statusCode, IReadOnlyList<string> messages)
    {
        StatusCode = statusCode;
        Value = new ErrorResponse { Message = messages.Count == 0 ? [DefaultMessage(statusCode)] : messages, ErrorCode = statusCode };
    }

    public int StatusCode { get; }

    public ErrorResponse Value { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    object? IValueHttpResult.Value => Value;

    string IContentTypeHttpResult.ContentType => JsonContentType;

    /// <summary>An error with the given status and its default message.</summary>
    public static ApiError Create(int statusCode) => Create(statusCode, Array.Empty<string>());

    /// <summary>An error with the given status and messages (each <c>"field: what is wrong"</c>).</summary>
    public static ApiError Create(int statusCode, IEnumerable<string> messages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new ApiError(statusCode, [.. messages]);
    }

    /// <summary>400 with one message per problem found.</summary>
    public static ApiError BadRequest(params IEnumerable<string> messages) => Create(StatusCodes.Status400BadRequest, messages);

    /// <summary>400 listing every problem a validator found.</summary>
    public static ApiError BadRequest(ValidationResult validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        return BadRequest(validation.Messages);
    }

    /// <summary>An error with the given status for the given field errors.</summary>
    public static ApiError Create(int statusCode, IEnumerable<FieldError> errors) =>
        Create(statusCode, errors.Select(error => error.ToString()));

    /// <summary>400 for one field: <c>"field: problem"</c>.</summary>
    public static ApiError BadRequest(string field, string problem) => BadRequest(Describe(field, problem));

    /// <summary>404: unknown resources and other tenants' resources look the same.</summary>
    public static ApiError NotFound(string field, string problem) => Create(StatusCodes.Status404NotFound, [Describe(field, problem)]);

    /// <summary>409: the request collides with existing state (a unique name, a priority, a version).</summary>
    public static ApiError Conflict(string field, string problem) => Create(StatusCodes.Status409Conflict, [Describe(field, problem)]);

    /// <summary>422: well-formed but not allowed in the resource's current state.</summary>
    public static ApiError Unprocessable(string field, string problem) =>
        Create(StatusCodes.Status422UnprocessableEntity, [Describe(field, problem)]);

    /// <summary>Formats one message the way every endpoint does: the field first, then the problem.</summary>
    public static string Describe(string field, string problem) => new FieldError(field, problem).ToString();

    /// <summary>The message used when a status is answered without a more specific explanation.</summary>
    public static string DefaultMessage(int statusCode) => DefaultError(statusCode).ToString();

    /// <summary>The problem reported when a status is answered without a more specific explanation.</summary>
    public static FieldError DefaultError(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => new("request", "is invalid"),
        StatusCodes.Status401Unauthorized => new("authorization", "a valid bearer token is required"),
        StatusCodes.Status403Forbidden => new("authorization", "the token does not grant this operation"),
        StatusCodes.Status404NotFound => new("path", "no such resource"),
        StatusCodes.Status405MethodNotAllowed => new("method", "not allowed on this path"),
        StatusCodes.Status406NotAcceptable => new("accept", "only application/json responses are produced"),
        StatusCodes.Status413PayloadTooLarge => new("body", "is too large"),
        StatusCodes.Status415UnsupportedMediaType => new("content-type", "must be application/json"),
        StatusCodes.Status429TooManyRequests => new("rate", "too many requests, retry later"),
        StatusCodes.Status500InternalServerError => new("internal", "an unexpected error occurred"),
        StatusCodes.Status503ServiceUnavailable => new("service", "temporarily unavailable, retry later"),
        _ => new("status", ReasonPhrases.GetReasonPhrase(statusCode).ToLowerInvariant()),
    };

    /// <summary>Writes the error to a response that has not started.</summary>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        return httpContext.Response.WriteAsJsonAsync(
            Value, RiskJsonContext.Default.ErrorResponse, JsonContentType, httpContext.RequestAborted);
    }
}
