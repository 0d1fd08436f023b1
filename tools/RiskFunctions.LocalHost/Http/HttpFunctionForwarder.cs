using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.Logging;
using RiskFunctions.LocalHost.Worker;
using Yarp.ReverseProxy.Forwarder;

namespace RiskFunctions.LocalHost.Http;

/// <summary>
/// Runs an HTTP function as the Functions host does with a worker that proxies HTTP: tags the request with
/// <c>x-ms-invocation-id</c>, streams it (path unchanged) to the worker's own HTTP endpoint, sends the
/// InvocationRequest, and streams the worker's answer back. No buffering: bodies of any size flow through, and
/// size limits are the worker's (or <see cref="LocalFunctionsHostOptions.MaxRequestBodyBytes"/>).
/// </summary>
internal sealed class HttpFunctionForwarder(
    HttpRouteTable routes,
    WorkerChannel channel,
    Uri? workerHttpUri,
    IHttpForwarder forwarder,
    ILogger<HttpFunctionForwarder> logger) : IDisposable
{
    public const string InvocationIdHeader = "x-ms-invocation-id";

    // An empty answer is the worker's pipeline finishing; the invocation result follows within moments.
    private static readonly TimeSpan ResultWait = TimeSpan.FromSeconds(10);

    // A failed invocation whose request the worker never answered (e.g. it never matched the route) is given up on.
    private static readonly TimeSpan AnswerGraceAfterFailure = TimeSpan.FromSeconds(2);

    private static readonly ForwarderRequestConfig RequestConfig = new()
    {
        ActivityTimeout = TimeSpan.FromSeconds(240),
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        ConnectTimeout = TimeSpan.FromSeconds(15),
    });

    public async Task HandleAsync(HttpContext context)
    {
        var match = routes.Match(context.Request.Method, context.Request.Path);
        if (match is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (HasNonAsciiHeaderValue(context.Request.Headers))
        {
            // The forwarder's HTTP client cannot send such a value on; it is the caller's mistake, not a bad gateway.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var function = match.Function;
        var invocationId = Guid.NewGuid().ToString();
        if (workerHttpUri is null)
        {
            await InvocationResponseTransformer.WriteFailureAsync(
                context, function.Name, invocationId, "The worker has no HTTP endpoint (ConfigureFunctionsWebApplication).", context.RequestAborted);
            return;
        }

        context.Request.Headers[InvocationIdHeader] = invocationId;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var invocationSent = new TaskCompletionSource<Task<InvocationResponse>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var invocation = invocationSent.Task.Unwrap();
        var transformer = new InvocationResponseTransformer(function.Name, invocationId, invocation, ResultWait);

        // As the real host: start forwarding first, then send the invocation; the worker waits for both.
        var forwarding = forwarder.SendAsync(context, workerHttpUri.AbsoluteUri, _client, RequestConfig, transformer, abort.Token).AsTask();
        try
        {
            invocationSent.SetResult(channel.InvokeAsync(
                HttpTriggerMetadata.CreateInvocation(invocationId, match, context.Request), function.Name, abort.Token));
        }
        catch (WorkerUnavailableException ex)
        {
            invocationSent.SetException(ex);
        }

        await GiveUpOnUnansweredFailureAsync(forwarding, invocation, abort);
        var error = await forwarding;
        var failure = await InvocationResponseTransformer.FailureOf(invocation, ResultWait);
        if (failure is not null)
        {
            logger.LogWarning("Function {FunctionName} invocation {InvocationId} failed: {Failure}", function.Name, invocationId, failure);
        }

        if (error != ForwarderError.None && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var reason = failure ?? context.GetForwarderErrorFeature()?.Exception?.Message ?? error.ToString();
            await InvocationResponseTransformer.WriteFailureAsync(context, function.Name, invocationId, reason, context.RequestAborted,
                failure is null ? StatusCodes.Status502BadGateway : StatusCodes.Status500InternalServerError);
        }
        else if (error != ForwarderError.None && failure is not null && context.Response.HasStarted)
        {
            // Headers already sent: like the real host, the only honest signal left is an aborted response.
            context.Abort();
        }
    }

    public void Dispose() => _client.Dispose();

    private static bool HasNonAsciiHeaderValue(IHeaderDictionary headers)
    {
        foreach (var (_, values) in headers)
        {
            foreach (var value in values)
            {
                if (value is not null && !System.Text.Ascii.IsValid(value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static async Task GiveUpOnUnansweredFailureAsync(Task forwarding, Task<InvocationResponse> invocation, CancellationTokenSource abort)
    {
        if (await Task.WhenAny(forwarding, invocation) == forwarding)
        {
            return;
        }

        var failed = invocation.Status != TaskStatus.RanToCompletion || invocation.Result.Result?.Status != StatusResult.Types.Status.Success;
        if (failed && await Task.WhenAny(forwarding, Task.Delay(AnswerGraceAfterFailure)) != forwarding)
        {
            await abort.CancelAsync();
        }
    }
}
