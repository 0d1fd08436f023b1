using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using RiskFunctions.Handler.Errors;

namespace RiskFunctions.Handler.Hosting;

/// <summary>Where the handler listens, and the first middleware every request meets.</summary>
public static class HostingPipelineExtensions
{
    /// <summary>How many times the body limit a refused body may be to be read and dropped.</summary>
    private const long DrainFactor = 16;

    /// <summary>
    /// Listens on <c>127.0.0.1:FUNCTIONS_CUSTOMHANDLER_PORT</c> under the Functions host, or on
    /// <see cref="HostingOptions.Address"/>:<see cref="HostingOptions.Port"/> standalone. Addresses from
    /// <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>ASPNETCORE_HTTP_PORTS</c> are replaced on purpose: the
    /// child process inherits every app setting, and an inherited URL must never make the handler
    /// listen anywhere else. Then adds log correlation and the body size limit.
    /// </summary>
    public static WebApplication UseHandlerHosting(this WebApplication app)
    {
        // Addresses set here win over configuration: the server only reads configured URLs when
        // this list is empty. (An in-memory test server has no addresses at all.)
        if (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>() is { } server)
        {
            server.Addresses.Clear();
            server.Addresses.Add(ListenUrl(app.Services));
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RiskFunctions.Handler.Requests");
        app.Use(async (httpContext, next) =>
        {
            // Every log line of a request forwarded by the host carries its invocation id, so the host's
            // own logs and ours can be joined.
            var invocationId = httpContext.Request.Headers[HostHeaders.InvocationId].ToString();
            using var scope = string.IsNullOrEmpty(invocationId)
                ? null
                : logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = invocationId });

            if (ExceedsBodyLimit(httpContext, out var limit))
            {
                await DiscardBodyAsync(httpContext, limit);
                var tooLarge = ClientError.TooLarge(limit);
                await ErrorResponses.Create(httpContext, tooLarge.StatusCode, tooLarge.Errors).ExecuteAsync(httpContext);
                return;
            }

            await next(httpContext);
        });
        return app;
    }

    /// <summary>
    /// Reads and drops a refused body of moderate size before answering. Otherwise the connection closes
    /// under a sender that is still writing (the Functions host, a proxy, a client without
    /// <c>Expect: 100-continue</c>), which sees a broken pipe instead of the 413. Bodies far over the
    /// limit are not worth reading: their connection is closed.
    /// </summary>
    private static async Task DiscardBodyAsync(HttpContext httpContext, long limit)
    {
        var drainLimit = Math.Max(limit, 0) * DrainFactor;
        var sizeFeature = httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (httpContext.Request.ContentLength > drainLimit || sizeFeature is null || sizeFeature.IsReadOnly)
        {
            return;
        }

        sizeFeature.MaxRequestBodySize = drainLimit;
        try
        {
            await httpContext.Request.Body.CopyToAsync(Stream.Null, httpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The sender went away or stalled: nothing left to answer politely.
        }
    }

    private static string ListenUrl(IServiceProvider services)
    {
        var hostEnvironment = services.GetRequiredService<FunctionsHostEnvironment>();
        if (hostEnvironment.Mode == HostingMode.FunctionsHost)
        {
            return $"http://127.0.0.1:{hostEnvironment.Port}";
        }

        var hosting = services.GetRequiredService<IOptions<HostingOptions>>().Value;
        var host = IPAddress.TryParse(hosting.Address, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{address}]"
            : hosting.Address;
        return $"http://{host}:{hosting.Port}";
    }

    /// <summary>
    /// A declared length over the limit is refused before anything reads the body, so no endpoint
    /// ever sees a partial body. Chunked bodies are cut off by Kestrel while reading (also 413). An
    /// endpoint that declares its own limit (<see cref="IRequestSizeLimitMetadata"/>, e.g. the bulk import)
    /// gets that one instead of the service-wide one; routing has already chosen the endpoint here.
    /// </summary>
    private static bool ExceedsBodyLimit(HttpContext httpContext, out long limit)
    {
        var feature = httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }
            && httpContext.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } endpointLimit)
        {
            feature.MaxRequestBodySize = endpointLimit.MaxRequestBodySize;
        }

        limit = feature?.MaxRequestBodySize ?? long.MaxValue;
        return httpContext.Request.ContentLength > limit;
    }
}
