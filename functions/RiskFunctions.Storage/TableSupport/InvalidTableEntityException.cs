namespace RiskFunctions.Storage.TableSupport;

/// <summary>
/// An entity, key or transaction breaks a Table service rule (size, property count, key characters, one
/// partition per transaction, ...). Raised before anything is sent, so nothing was written.
/// </summary>
public sealed class InvalidTableEntityException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidTableEntityException()
    {
    }

    /// <summary>Creates the exception with a message saying what is wrong.</summary>
    public InvalidTableEntityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidTableEntityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
