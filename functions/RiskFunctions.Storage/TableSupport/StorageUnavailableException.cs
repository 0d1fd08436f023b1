using Azure;

namespace RiskFunctions.Storage.TableSupport;

/// <summary>
/// Table storage could not be reached, or kept answering 503, within the call's time budget: the request did not
/// complete and may be retried later. <see cref="RequestFailedException.Status"/> is 503 when the service said so
/// and 0 when it never answered (refused or dropped connection, timeout).
/// </summary>
public sealed class StorageUnavailableException : RequestFailedException
{
    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException()
        : base(0, "Table storage is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StorageUnavailableException(string message)
        : base(0, message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public StorageUnavailableException(string message, Exception innerException)
        : base(0, message, innerException)
    {
    }

    /// <summary>Creates the exception for a final 503 answer.</summary>
    public StorageUnavailableException(int status, string message, Exception? innerException)
        : base(status, message, innerException)
    {
    }
}
