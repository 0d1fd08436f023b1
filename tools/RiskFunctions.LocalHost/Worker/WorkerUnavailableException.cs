namespace RiskFunctions.LocalHost.Worker;

/// <summary>The worker cannot take or finish a request: its stream closed or it never connected.</summary>
public sealed class WorkerUnavailableException : Exception
{
    public WorkerUnavailableException()
    {
    }

    public WorkerUnavailableException(string message)
        : base(message)
    {
    }

    public WorkerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
