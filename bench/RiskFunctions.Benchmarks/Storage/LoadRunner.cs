using System.Diagnostics;

namespace RiskFunctions.Benchmarks.Storage;

/// <summary>What one timed run achieved.</summary>
/// <param name="Items">Entities processed (one per request, 100 per transaction).</param>
/// <param name="Requests">Requests completed.</param>
/// <param name="Elapsed">Wall-clock duration.</param>
/// <param name="LatenciesMs">Per-request latencies, sorted.</param>
internal sealed record LoadResult(long Items, long Requests, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double ItemsPerSecond => Items / Elapsed.TotalSeconds;

    public double Percentile(double p) => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[(int)Math.Min(LatenciesMs.Length - 1, p * LatenciesMs.Length)];
}

/// <summary>Runs a fixed number of concurrent workers against one operation for a fixed time.</summary>
internal static class LoadRunner
{
    /// <param name="concurrency">Workers issuing requests back to back.</param>
    /// <param name="duration">How long to measure.</param>
    /// <param name="operation">One request: (worker, sequence) → entities it processed; 0 when there was nothing left
    /// to send, which ends that worker (its attempt is not counted).</param>
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<int, long, Task<int>> operation)
    {
        var latencies = new List<double>[concurrency];
        var items = new long[concurrency];
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            for (long sequence = 0; stopwatch.Elapsed < duration; sequence++)
            {
                var started = Stopwatch.GetTimestamp();
                var processed = await operation(worker, sequence);
                if (processed == 0)
                {
                    break;
                }

                items[worker] += processed;
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        await Task.WhenAll(workers);
        stopwatch.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(items.Sum(), all.Length, stopwatch.Elapsed, all);
    }
}
