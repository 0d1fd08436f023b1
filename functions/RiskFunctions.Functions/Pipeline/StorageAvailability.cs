using Azure;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>Tells an outage of storage (unreachable, overloaded, timing out) from a fault of the request or the code.</summary>
public static class StorageAvailability
{
    /// <summary>Seconds a client is asked to wait before retrying after an outage.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The problem an outage is answered with, which tells the client when to retry.</summary>
    public static FieldError Problem { get; } = new("storage", $"temporarily unavailable; retry after {RetryAfterSeconds} s");

    /// <summary>
    /// <c>true</c> for a storage request that got no answer (status 0: connection refused, DNS, reset), a busy or
    /// failing service (408, 429, 500, 502, 503, 504), a timeout, or a cancellation the caller did not ask for.
    /// </summary>
    public static bool IsUnavailable(Exception exception, CancellationToken requestAborted)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case RequestFailedException { Status: 0 or 408 or 429 or 500 or 502 or 503 or 504 }:
                case HttpRequestException:
                case TimeoutException:
                case OperationCanceledException when !requestAborted.IsCancellationRequested:
                    return true;
            }
        }

        return false;
    }
}
