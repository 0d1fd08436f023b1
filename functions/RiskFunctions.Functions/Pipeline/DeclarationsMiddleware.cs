using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>
/// First in the pipeline: makes the function's declarations the request's endpoint, so the error format and body
/// limit it declares apply to every answer, whichever middleware gives it.
/// </summary>
public sealed class DeclarationsMiddleware(FunctionDeclarations declarations) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (declarations.For(context) is { } declaration && context.GetHttpContext() is { } http)
        {
            http.SetEndpoint(declaration.Endpoint);
        }

        return next(context);
    }
}
