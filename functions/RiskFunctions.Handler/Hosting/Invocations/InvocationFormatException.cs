namespace RiskFunctions.Handler.Hosting.Invocations;

/// <summary>
/// An envelope that does not carry what the function needs. It fails the invocation with 400, which
/// for a queue trigger means redelivery and, if it keeps failing, the dead-letter queue.
/// </summary>
public sealed class InvocationFormatException : Exception
{
    public InvocationFormatException()
    {
    }

    public InvocationFormatException(string message)
        : base(message)
    {
    }

    public InvocationFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
