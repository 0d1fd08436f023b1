using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Yarp.ReverseProxy.Forwarder;

namespace RiskFunctions.LocalHost.Http;

/// <summary>
/// Forwards the worker's answer unchanged (YARP drops hop-by-hop headers both ways) except in one case: when a
/// function throws before answering, the worker's ASP.NET Core pipeline still completes the request, with an empty
/// 200. An empty answer is therefore held until the invocation result arrives; a failed invocation becomes a 500
/// with a JSON body naming the exception. A non-empty answer streams straight through.
/// </summary>
internal sealed class InvocationResponseTransformer(string functionName, string invocationId, Task<InvocationResponse> invocation, TimeSpan resultWait)
    : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        // The worker sees the original host, as behind the Functions host.
        proxyRequest.Headers.Host = httpContext.Request.Host.Value;
    }

    public override async ValueTask<bool> TransformResponseAsync(
        HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse?.Content.Headers.ContentLength == 0)
        {
            var failure = await FailureOf(invocation, resultWait);
            if (failure is not null)
            {
                await WriteFailureAsync(httpContext, functionName, invocationId, failure, cancellationToken);
                return false;
            }
        }

        return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }

    /// <summary>The failure message of a failed invocation; null when it succeeded or did not finish in time.</summary>
    public static async Task<string?> FailureOf(Task<InvocationResponse> invocation, TimeSpan wait)
    {
        try
        {
            var response = await invocation.WaitAsync(wait);
            return response.Result?.Status == StatusResult.Types.Status.Success
                ? null
                : response.Result?.Exception?.Message ?? response.Result?.Result ?? "The function failed.";
        }
        catch (TimeoutException)
        {
            return null;
        }
        catch (Exception ex) when (ex is Worker.WorkerUnavailableException or OperationCanceledException)
        {
            return ex.Message;
        }
    }

    public static Task WriteFailureAsync(
        HttpContext httpContext, string functionName, string invocationId, string exception, CancellationToken cancellationToken, int status = StatusCodes.Status500InternalServerError)
    {
        httpContext.Response.Clear();
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        return httpContext.Response.WriteAsync(
            JsonSerializer.Serialize(
                new FunctionErrorBody($"Function '{functionName}' failed.", functionName, invocationId, exception),
                MetadataJsonContext.Default.FunctionErrorBody),
            cancellationToken);
    }
}
