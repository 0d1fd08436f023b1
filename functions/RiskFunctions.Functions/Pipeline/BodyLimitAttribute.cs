namespace RiskFunctions.Functions.Pipeline;

/// <summary>The function's own request body limit, instead of the service-wide <c>Hosting:MaxRequestBodyBytes</c>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BodyLimitAttribute(long bytes) : Attribute
{
    public long Bytes { get; } = bytes;
}
