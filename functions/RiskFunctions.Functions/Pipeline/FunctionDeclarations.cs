using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>
/// The declarations of each function, read from its entry point (<see cref="FunctionDefinition.EntryPoint"/>) on
/// its first invocation and cached. <c>null</c> for functions without an HTTP trigger.
/// </summary>
public sealed class FunctionDeclarations
{
    public const string HttpTriggerType = "httpTrigger";

    private readonly ConcurrentDictionary<string, HttpFunctionDeclaration?> _byFunctionId = new(StringComparer.Ordinal);

    public HttpFunctionDeclaration? For(FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _byFunctionId.GetOrAdd(context.FunctionDefinition.Id, static (_, definition) => Read(definition), context.FunctionDefinition);
    }

    private static HttpFunctionDeclaration? Read(FunctionDefinition definition)
    {
        var isHttp = definition.InputBindings.Values.Any(binding => string.Equals(binding.Type, HttpTriggerType, StringComparison.OrdinalIgnoreCase));
        return isHttp ? HttpFunctionDeclaration.From(definition.Name, EntryPoint(definition.EntryPoint)) : null;
    }

    /// <summary>The method an entry point (<c>Namespace.Type.Method</c>) names, in this app's assembly.</summary>
    public static MethodInfo EntryPoint(string entryPoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(entryPoint);
        var dot = entryPoint.LastIndexOf('.');
        var type = typeof(FunctionDeclarations).Assembly.GetType(entryPoint[..dot], throwOnError: true)!;
        return type.GetMethod(entryPoint[(dot + 1)..], BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            ?? throw new InvalidOperationException($"Entry point {entryPoint} not found.");
    }
}
