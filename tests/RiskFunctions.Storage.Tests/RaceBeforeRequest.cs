using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Storage.Tests;

/// <summary>
/// Runs <paramref name="race"/> (another writer's request) just before the first request that <paramref name="matches"/>
/// (before each one with <paramref name="everyTime"/>), so a test can land a concurrent write between a pass's read and
/// its write every time, not by chance.
/// </summary>
internal sealed class RaceBeforeRequest(Func<Request, bool> matches, Func<Task> race, bool everyTime = false) : HttpPipelinePolicy
{
    private int _raced;

    public bool Raced => Volatile.Read(ref _raced) == 1;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (ShouldRace(message.Request))
        {
            await race();
        }

        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (ShouldRace(message.Request))
        {
            race().GetAwaiter().GetResult();
        }

        ProcessNext(message, pipeline);
    }

    private bool ShouldRace(Request request) => matches(request) && (Interlocked.Exchange(ref _raced, 1) == 0 || everyTime);
}
