using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using RiskFunctions.Functions.Security.Abuse;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>The 463 cool-down (<see cref="ActionTokenAbuseFilter"/>) on functions declaring <see cref="ActionTokenCoolDownAttribute"/>.</summary>
public sealed class ActionTokenCoolDownMiddleware(FunctionDeclarations declarations, ActionTokenAbuseTracker tracker) : IFunctionsWorkerMiddleware
{
    private readonly ActionTokenAbuseFilter _filter = new(tracker);

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return declarations.For(context) is { ActionTokenCoolDown: true } && context.GetHttpContext() is { } http
            ? EndpointFilterAdapter.InvokeAsync(_filter, context, http, next)
            : next(context);
    }
}
