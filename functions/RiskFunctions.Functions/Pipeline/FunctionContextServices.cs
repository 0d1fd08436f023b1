using Microsoft.Azure.Functions.Worker;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>
/// Resolves a feature's internal services from the invocation's scope: function classes are public (the worker
/// requires it), the features' services stay internal to their assembly.
/// </summary>
internal static class FunctionContextServices
{
    public static T Service<T>(this FunctionContext context)
        where T : notnull => context.InstanceServices.GetRequiredService<T>();
}
