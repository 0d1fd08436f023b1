using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Hosting;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>
/// The request body limit: the function's <see cref="BodyLimitAttribute"/> or <c>Hosting:MaxRequestBodyBytes</c>.
/// A declared length over it is refused (413) before the function reads anything; a longer chunked body makes the
/// read fail, which <see cref="ErrorsMiddleware"/> answers with the same 413.
/// </summary>
/// <remarks>
/// A refused body of moderate size is read and dropped before answering: the host forwards the whole request before
/// it reads the answer, and a worker that stops reading leaves it with a broken pipe (a 502 for the client) instead
/// of the 413. Bodies far over the limit are not worth reading.
/// </remarks>
public sealed class BodyLimitMiddleware(FunctionDeclarations declarations, IOptions<HostingOptions> hosting) : IFunctionsWorkerMiddleware
{
    /// <summary>How many times the limit a refused body may be to be read and dropped.</summary>
    private const long DrainFactor = 16;

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (declarations.For(context) is not { } declaration || context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var limit = declaration.BodyLimit ?? hosting.Value.MaxRequestBodyBytes;
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (http.Request.ContentLength > limit)
        {
            await DiscardBodyAsync(http, feature, limit);
            var tooLarge = ClientError.TooLarge(limit);
            context.GetInvocationResult().Value = ErrorResponses.Create(http, tooLarge.StatusCode, tooLarge.Errors);
            return;
        }

        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }

    private static async Task DiscardBodyAsync(HttpContext http, IHttpMaxRequestBodySizeFeature? feature, long limit)
    {
        var drainLimit = limit * DrainFactor;
        if (http.Request.ContentLength > drainLimit || feature is null || feature.IsReadOnly)
        {
            return;
        }

        feature.MaxRequestBodySize = drainLimit;
        try
        {
            await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The sender went away or stalled: nothing left to answer politely.
        }
    }
}
