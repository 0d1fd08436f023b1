namespace RiskFunctions.Handler.Hosting.Invocations;

/// <summary>
/// Runs one non-HTTP function (Service Bus, timer) for an envelope posted by the Functions host.
/// Register with <see cref="InvocationExtensions.AddInvocationHandler{THandler}"/> under the function's
/// catalog name. Deliveries are at least once: implementations must be idempotent.
/// </summary>
public interface IInvocationHandler
{
    Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken);
}
