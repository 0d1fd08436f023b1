namespace RiskFunctions.Handler.Hosting.Invocations;

/// <summary>Registration of the handlers behind the non-HTTP functions of the catalog.</summary>
public static class InvocationExtensions
{
    /// <summary>
    /// Puts <typeparamref name="THandler"/> behind the catalog function <paramref name="functionName"/>
    /// (resolved per invocation, keyed by the function name). Start-up fails if the name is not a
    /// non-HTTP function of <see cref="FunctionCatalog"/>.
    /// </summary>
    public static IServiceCollection AddInvocationHandler<THandler>(this IServiceCollection services, string functionName)
        where THandler : class, IInvocationHandler
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        services.AddKeyedScoped<IInvocationHandler, THandler>(functionName);
        services.AddSingleton(new InvocationHandlerRegistration(functionName, typeof(THandler)));
        return services;
    }
}

/// <summary>Records which function a handler was registered for, so start-up can check it.</summary>
public sealed record InvocationHandlerRegistration(string FunctionName, Type HandlerType);
