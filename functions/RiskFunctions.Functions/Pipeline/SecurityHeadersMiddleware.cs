using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Security.Hardening;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>The security headers (<see cref="SecurityHeaders"/>) on every HTTP answer, errors included.</summary>
public sealed class SecurityHeadersMiddleware(FunctionDeclarations declarations, IOptions<HardeningOptions> hardening) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (declarations.For(context) is not null && context.GetHttpContext() is { } http)
        {
            SecurityHeaders.AddOnStarting(http.Response, hardening.Value.Hsts);
        }

        return next(context);
    }
}
