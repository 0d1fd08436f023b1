using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Net.Http.Headers;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Json;

namespace RiskFunctions.Functions.Errors;

/// <summary>Wires the consistent error body into every path a request can fail on.</summary>
public static class ApiErrorsExtensions
{
    /// <summary>
    /// Makes minimal API binding failures throw (instead of answering a bare 400) so they reach the
    /// exception handler and get a body that names the field.
    /// </summary>
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
            options.SerializerOptions.TypeInfoResolverChain.Add(HandlerJsonContext.Default));
        return services;
    }

    /// <summary>
    /// Unhandled exceptions become 500 without internals, client mistakes become 4xx with the field
    /// named, and every empty error response (404, 405, 401 ...) gets a body, all in the error format
    /// of the endpoint the request reached (<see cref="ErrorResponses"/>).
    /// </summary>
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = HandleExceptionAsync,
            SuppressDiagnosticsCallback = context => ClientErrorTranslator.IsClientError(context.Exception),
        });
        app.UseStatusCodePages(context => WriteStatusCodeErrorAsync(context.HttpContext));
        return app;
    }

    private static Task HandleExceptionAsync(HttpContext httpContext)
    {
        var feature = httpContext.Features.GetRequiredFeature<IExceptionHandlerFeature>();
        var error = ClientErrorTranslator.Translate(feature.Error, httpContext, feature.Endpoint);
        if (error is not null)
        {
            httpContext.RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(ApiErrorsExtensions))
                .LogDebug("Request rejected with {StatusCode}: {Errors}", error.StatusCode, error.Errors);
        }
        else
        {
            // The trace id lets an operator find the logged exception without exposing anything about it.
            var traceId = Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier;
            error = new ClientError(StatusCodes.Status500InternalServerError,
                [new FieldError("internal", $"an unexpected error occurred (trace id {traceId})")]);
        }

        return ErrorResponses.Create(feature.Endpoint, error.StatusCode, error.Errors).ExecuteAsync(httpContext);
    }

    private static Task WriteStatusCodeErrorAsync(HttpContext httpContext)
    {
        var status = httpContext.Response.StatusCode;
        IReadOnlyList<FieldError> errors = status == StatusCodes.Status405MethodNotAllowed
            && httpContext.Response.Headers.TryGetValue(HeaderNames.Allow, out var allowed)
                ? [new FieldError("method", $"{httpContext.Request.Method} is not allowed here; allowed: {allowed}")]
                : [];
        return ErrorResponses.Create(httpContext, status, errors).ExecuteAsync(httpContext);
    }
}
