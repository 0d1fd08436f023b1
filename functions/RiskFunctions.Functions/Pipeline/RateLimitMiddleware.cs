using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>
/// The per-client token buckets (<see cref="Security.RateLimiting.ClientRateLimiting"/>): after
/// authentication, a client over its limit gets 429 with <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitMiddleware(FunctionDeclarations declarations, IOptions<RateLimiterOptions> options) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var limiter = options.Value.GlobalLimiter;
        if (limiter is null || declarations.For(context) is null || context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        using var lease = await limiter.AcquireAsync(http, 1, http.RequestAborted);
        if (!lease.IsAcquired)
        {
            if (options.Value.OnRejected is { } onRejected)
            {
                await onRejected(new OnRejectedContext { HttpContext = http, Lease = lease }, http.RequestAborted);
            }

            return;
        }

        await next(context);
    }
}
