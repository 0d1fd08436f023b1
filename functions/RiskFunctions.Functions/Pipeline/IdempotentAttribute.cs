namespace RiskFunctions.Functions.Pipeline;

/// <summary>The function honours <c>Idempotency-Key</c>: a retry with the same key and body gets the first answer again.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class IdempotentAttribute(string operation) : Attribute
{
    /// <summary>Keys are scoped per operation (and tenant): the same key on two operations means two requests.</summary>
    public string Operation { get; } = operation;
}
