namespace RiskFunctions.Handler.Hosting;

/// <summary>Headers the Functions host adds to every request it sends to the handler.</summary>
public static class HostHeaders
{
    public const string InvocationId = "X-Azure-Functions-InvocationId";
    public const string HostVersion = "X-Azure-Functions-HostVersion";
}
