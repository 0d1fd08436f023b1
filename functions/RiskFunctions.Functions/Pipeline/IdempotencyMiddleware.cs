using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using RiskFunctions.Functions.Features.Idempotency;

namespace RiskFunctions.Functions.Pipeline;

/// <summary><c>Idempotency-Key</c> (<see cref="IdempotencyFilter"/>) on functions declaring <see cref="IdempotentAttribute"/>.</summary>
public sealed class IdempotencyMiddleware(FunctionDeclarations declarations) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return declarations.For(context) is { IdempotencyOperation: { } operation } && context.GetHttpContext() is { } http
            ? EndpointFilterAdapter.InvokeAsync(new IdempotencyFilter(operation), context, http, next)
            : next(context);
    }
}
