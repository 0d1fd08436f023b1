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
}
