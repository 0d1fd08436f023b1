using System.Diagnostics;

namespace RiskFunctions.Functions.Features.Import;

/// <summary>How far an import is: lines applied of the batch's total, and the rate since it started. Thread-safe.</summary>
internal sealed class ImportProgress(int total)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _done;

    public int Total { get; } = total;

    public int Done => Volatile.Read(ref _done);

    /// <summary>Lines applied per second since the import started.</summary>
    public double LinesPerSecond
    {
        get
        {
            var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            return seconds > 0 ? Done / seconds : 0;
        }
    }

    public void LineApplied() => Interlocked.Increment(ref _done);
}
