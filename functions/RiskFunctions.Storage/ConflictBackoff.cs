using Azure;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage;

/// <summary>Pauses between retries of an optimistic write that lost a race: exponential, jittered, capped.</summary>
internal static class ConflictBackoff
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(4);
    private static readonly TimeSpan Cap = TimeSpan.FromMilliseconds(250);

    public static TimeSpan Delay(int attempt)
    {
        var exponential = Base * Math.Pow(2, Math.Min(attempt, 8));
        var jittered = exponential * (0.5 + Random.Shared.NextDouble());
        return jittered < Cap ? jittered : Cap;
    }

    /// <summary>
    /// Throws once the last of <paramref name="maxAttempts"/> lost its race too: the row is busier than this writer can
    /// get a turn at now, which is storage being unavailable for it (503, retry later), not a fault of the request or
    /// the code (500).
    /// </summary>
    public static void ThrowIfLastAttempt(RequestFailedException lostRace, int attempt, int maxAttempts)
    {
        if (attempt >= maxAttempts)
        {
            throw new StorageUnavailableException(503, $"A row kept changing under concurrent writers; gave up after {maxAttempts} attempts.", lostRace);
        }
    }
}
