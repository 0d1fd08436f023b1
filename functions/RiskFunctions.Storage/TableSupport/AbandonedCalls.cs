namespace RiskFunctions.Storage.TableSupport;

/// <summary>Storage calls started and then no longer awaited (another call's failure or answer decided the outcome).</summary>
public static class AbandonedCalls
{
    /// <summary>
    /// Observes <paramref name="call"/>'s failure, if it fails, so that it is not raised again as an unobserved task
    /// exception: the caller has its answer already and this outcome no longer matters.
    /// </summary>
    public static void Abandon(this Task call)
    {
        ArgumentNullException.ThrowIfNull(call);
        _ = call.ContinueWith(static done => done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
