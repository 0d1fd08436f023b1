using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Security.Hardening;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>
/// The request-line and header limits of <see cref="HardeningOptions"/>: 414 and 431 in the endpoint's error format,
/// before anything else reads the request. Kestrel could enforce them only with its own empty answer, so the worker's
/// Kestrel accepts more (<see cref="RequestHardening"/>) and the limits are checked here.
/// </summary>
public sealed class RequestLimitsMiddleware(FunctionDeclarations declarations, IOptions<HardeningOptions> hardening) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (declarations.For(context) is not null && context.GetHttpContext() is { } http && Check(http.Request, hardening.Value) is { } refused)
        {
            context.GetInvocationResult().Value = ErrorResponses.Create(http, refused.StatusCode, refused.Errors);
            return;
        }

        await next(context);
    }

    /// <summary>The refusal of a request over a limit, in Kestrel's order (request line, then headers); <c>null</c> within them.</summary>
    internal static ClientError? Check(HttpRequest request, HardeningOptions limits)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : string.Concat(request.PathBase.ToUriComponent(), request.Path.ToUriComponent(), request.QueryString.ToUriComponent());

        // "GET /target HTTP/1.1": the separators count, as in Kestrel's limit.
        if (request.Method.Length + 1 + target.Length + 1 + request.Protocol.Length > limits.MaxRequestLineBytes)
        {
            return ClientError.RequestLineTooLong(limits.MaxRequestLineBytes);
        }

        var count = 0;
        long bytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + (value?.Length ?? 0);
            }
        }

        if (count > limits.MaxHeaderCount)
        {
            return ClientError.HeadersTooLarge(string.Create(CultureInfo.InvariantCulture, $"more than {limits.MaxHeaderCount} headers"));
        }

        return bytes > limits.MaxHeadersTotalBytes
            ? ClientError.HeadersTooLarge(string.Create(CultureInfo.InvariantCulture, $"exceed the limit of {limits.MaxHeadersTotalBytes} bytes in total"))
            : null;
    }
}
