using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Functions.Errors;

/// <summary>Chooses the error format of the endpoint a request reached, and lets endpoints declare one.</summary>
public static class ErrorResponses
{
    /// <summary>The risk API's own format: <c>{"message": ["field: problem"], "error_code": N}</c>.</summary>
    public static IErrorResponseFormat Default { get; } = new RiskErrorFormat();

    /// <summary>Declares the error format of an endpoint or a group of endpoints.</summary>
    public static TBuilder WithErrorFormat<TBuilder>(this TBuilder builder, IErrorResponseFormat format)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(format);
        return builder.WithMetadata(format);
    }

    /// <summary>
    /// An error in the format of <paramref name="endpoint"/> (the risk API's when it declares none, or
    /// when no endpoint matched). With no errors given, the status's default message is used.
    /// </summary>
    public static IResult Create(Endpoint? endpoint, int statusCode, IReadOnlyList<FieldError> errors)
    {
        var format = endpoint?.Metadata.GetMetadata<IErrorResponseFormat>() ?? Default;
        return format.Create(statusCode, errors.Count == 0 ? [ApiError.DefaultError(statusCode)] : errors);
    }

    /// <summary>An error in the format of the endpoint the request was routed to.</summary>
    public static IResult Create(HttpContext httpContext, int statusCode, IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return Create(httpContext.GetEndpoint(), statusCode, errors);
    }

    private sealed class RiskErrorFormat : IErrorResponseFormat
    {
        public IResult Create(int statusCode, IReadOnlyList<FieldError> errors) => ApiError.Create(statusCode, errors);
    }
}
