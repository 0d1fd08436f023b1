using System.Net;
using System.Text.Json;
using RiskFunctions.Handler.Errors;
using RiskFunctions.Handler.Json;

namespace RiskFunctions.Handler.Hosting.Invocations;

/// <summary>
/// <c>POST /{FunctionName}</c> for every non-HTTP function of the catalog: decodes the host's
/// envelope, runs the registered <see cref="IInvocationHandler"/> and answers in the shape the host
/// requires (2xx with a JSON body, or non-2xx to fail the invocation).
/// </summary>
public static class InvocationApi
{
    public static IEndpointRouteBuilder MapInvocationApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapInvocationApi(FunctionCatalog.All);

    /// <summary>Maps the envelope endpoints of the given functions (tests pass their own catalog).</summary>
    public static IEndpointRouteBuilder MapInvocationApi(this IEndpointRouteBuilder endpoints, IReadOnlyList<FunctionDefinition> catalog)
    {
        var envelopeFunctions = catalog.Where(function => !function.IsHttp).ToList();
        EnsureRegistrationsMatch(endpoints.ServiceProvider, envelopeFunctions);

        foreach (var function in envelopeFunctions)
        {
            // A Delegate (not a RequestDelegate) so the returned IResult is executed.
            Delegate handler = (HttpContext httpContext) => InvokeAsync(function, httpContext);
            endpoints.MapPost("/" + function.Name, handler)
                .WithMetadata(new FunctionInvocationMetadata(function.Name))
                .ExcludeFromDescription();
        }

        return endpoints;
    }

    private static void EnsureRegistrationsMatch(IServiceProvider services, List<FunctionDefinition> envelopeFunctions)
    {
        var unknown = services.GetServices<InvocationHandlerRegistration>()
            .Where(registration => !envelopeFunctions.Any(f => f.Name == registration.FunctionName))
            .Select(registration => $"{registration.HandlerType.Name} is registered for '{registration.FunctionName}', which is not a non-HTTP function of the catalog")
            .ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, unknown));
        }
    }

    private static async Task<IResult> InvokeAsync(FunctionDefinition function, HttpContext httpContext)
    {
        // Only the host, on the loopback interface, may post envelopes; elsewhere the path does not exist.
        if (httpContext.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
        {
            return ApiError.Create(StatusCodes.Status404NotFound);
        }

        if (!httpContext.Request.HasJsonContentType())
        {
            return ApiError.Create(StatusCodes.Status415UnsupportedMediaType);
        }

        var logger = httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(InvocationApi));
        var envelope = await JsonSerializer.DeserializeAsync(httpContext.Request.Body, HandlerJsonContext.Default.InvocationRequest, httpContext.RequestAborted)
            ?? throw new JsonException("The invocation envelope is null.");
        var invocation = new Invocation(
            function,
            httpContext.Request.Headers[HostHeaders.InvocationId].ToString() is { Length: > 0 } id ? id : null,
            envelope.Data ?? [],
            envelope.Metadata ?? []);

        var handler = httpContext.RequestServices.GetKeyedService<IInvocationHandler>(function.Name);
        if (handler is null)
        {
            logger.LogError("No invocation handler is registered for function {FunctionName}; the invocation fails", function.Name);
            return ApiError.Create(StatusCodes.Status501NotImplemented, [ApiError.Describe("function", $"{function.Name} has no handler")]);
        }

        InvocationResult result;
        try
        {
            result = await handler.InvokeAsync(invocation, httpContext.RequestAborted);
        }
        catch (InvocationFormatException exception)
        {
            logger.LogWarning("Invocation {InvocationId} of {FunctionName} rejected: {Problem}", invocation.InvocationId, function.Name, exception.Message);
            return ApiError.BadRequest(exception.Message);
        }

        if (!result.Succeeded)
        {
            logger.LogWarning("Invocation {InvocationId} of {FunctionName} failed with {StatusCode}: {Reason}",
                invocation.InvocationId, function.Name, result.StatusCode, result.FailureReason);
            return ApiError.Create(result.StatusCode, [ApiError.Describe("invocation", result.FailureReason ?? "failed")]);
        }

        return TypedResults.Json(
            new InvocationResponse(result.Outputs, result.Logs, result.ReturnValue),
            HandlerJsonContext.Default.InvocationResponse,
            ApiError.JsonContentType);
    }
}

/// <summary>Marks the envelope endpoint of a non-HTTP function (it has no route in the catalog).</summary>
public sealed record FunctionInvocationMetadata(string FunctionName);
