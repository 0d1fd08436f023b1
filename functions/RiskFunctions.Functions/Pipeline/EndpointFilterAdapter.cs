using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>Runs an ASP.NET endpoint filter around a function: the filter sees the function's result and may replace it.</summary>
internal static class EndpointFilterAdapter
{
    public static async Task InvokeAsync(IEndpointFilter filter, FunctionContext context, HttpContext http, FunctionExecutionDelegate next)
    {
        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), async _ =>
        {
            await next(context);
            return Unwrap(context.GetInvocationResult().Value);
        });
        context.GetInvocationResult().Value = result;
    }

    /// <summary><c>Results&lt;A, B&gt;</c> hides the status and value the filters look at.</summary>
    private static object? Unwrap(object? result) => result is INestedHttpResult nested ? nested.Result : result;
}
