using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Functions.Errors;

/// <summary>A client mistake found by the pipeline: the status to answer and what is wrong.</summary>
internal sealed record ClientError(int StatusCode, IReadOnlyList<FieldError> Errors)
{
    public static ClientError BadRequest(FieldError error) => new(StatusCodes.Status400BadRequest, [error]);

    public static ClientError BadRequest(string field, string problem) => BadRequest(new FieldError(field, problem));

    /// <summary>413 naming the limit when it is known.</summary>
    public static ClientError TooLarge(long? limit) => new(StatusCodes.Status413PayloadTooLarge,
        [new FieldError(FieldError.Body, limit is { } max ? $"exceeds the limit of {max} bytes" : "is too large")]);

    /// <summary>414: the request line (method, path and query, version) is longer than the app accepts.</summary>
    public static ClientError RequestLineTooLong(int limit) => new(StatusCodes.Status414UriTooLong,
        [new FieldError("request_line", $"exceeds the limit of {limit} bytes")]);

    /// <summary>431: the headers are too many or too large together.</summary>
    public static ClientError HeadersTooLarge(string problem) => new(StatusCodes.Status431RequestHeaderFieldsTooLarge,
        [new FieldError("headers", problem)]);
}
