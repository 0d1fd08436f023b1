using Azure;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// The service rejected an entity group transaction; none of its operations was applied.
/// <see cref="RequestFailedException.Status"/> and <see cref="RequestFailedException.ErrorCode"/> are those of the
/// failing operation (e.g. 409 <c>EntityAlreadyExists</c>), not of the envelope (always 202).
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    /// <summary>Creates the exception for a failed operation.</summary>
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedTransactionActionIndex, TableTransactionAction? failedTransactionAction)
        : base(status, message, errorCode, null)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
        FailedTransactionAction = failedTransactionAction;
    }

    /// <summary>Creates the exception.</summary>
    public TableTransactionFailedException()
        : base(0, "The table transaction failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TableTransactionFailedException(string message)
        : base(0, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TableTransactionFailedException(string message, Exception innerException)
        : base(0, message, innerException)
    {
    }

    /// <summary>The 0-based position of the failing action, when the service names it.</summary>
    public int? FailedTransactionActionIndex { get; }

    /// <summary>The failing action, when the service names it.</summary>
    public TableTransactionAction? FailedTransactionAction { get; }
}
