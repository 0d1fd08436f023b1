using Azure;

namespace RiskFunctions.Storage.TableSupport;

/// <summary>Tells a failure caused by storage being out (nothing the code can fix) from any other.</summary>
public static class StorageOutage
{
    /// <summary>
    /// Whether <paramref name="exception"/> or one of its causes is a <see cref="StorageUnavailableException"/> or a
    /// request that got no answer at all (status 0).
    /// </summary>
    public static bool IsCause(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is StorageUnavailableException or RequestFailedException { Status: 0 })
            {
                return true;
            }
        }

        return false;
    }
}
