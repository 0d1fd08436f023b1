using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// Counts the storage round trips of a call and how many of them are sequential. While recording, every storage
/// request is held before it is sent; once no new request has arrived for a quiet period, the held ones form a
/// wave and are released together. A request that depends on an earlier answer can only start after its wave
/// was released, so the number of waves is the critical path in round trips, and the size of a wave is what
/// the code sends in parallel. Outside a recording requests pass straight through.
/// </summary>
internal sealed class StorageRoundTrips(string tablePrefix) : HttpPipelinePolicy
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    // Long enough that a wave's requests, issued synchronously one after another, are never split on a busy machine.
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(400);

    private readonly Lock _lock = new();
    private List<(string Request, TaskCompletionSource Release)> _held = [];
    private long _lastArrival;
    private volatile bool _recording;

    /// <summary>Runs <paramref name="call"/> and returns its storage requests, wave by wave (each wave sorted).</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> RecordAsync(Func<Task> call)
    {
        var waves = new List<IReadOnlyList<string>>();
        _recording = true;
        try
        {
            var running = call();
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(Poll));
                List<(string Request, TaskCompletionSource Release)>? wave = null;
                lock (_lock)
                {
                    if (_held.Count > 0 && Stopwatch.GetElapsedTime(_lastArrival) >= QuietPeriod)
                    {
                        (wave, _held) = (_held, []);
                    }
                }

                if (wave is not null)
                {
                    waves.Add([.. wave.Select(w => w.Request).Order(StringComparer.Ordinal)]);
                    wave.ForEach(w => w.Release.SetResult());
                }
            }

            await running;
            return waves;
        }
        finally
        {
            _recording = false;
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (_recording)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                _held.Add((StorageRequestName.Of(message.Request, tablePrefix), release));
                _lastArrival = Stopwatch.GetTimestamp();
            }

            await release.Task;
        }

        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessNext(message, pipeline);
}
