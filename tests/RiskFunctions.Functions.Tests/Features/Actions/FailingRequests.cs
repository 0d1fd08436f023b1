using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// A seam in the storage pipeline that fails one chosen request as the service would (a 500 answer), or holds one back
/// until released, once armed; every other request passes through.
/// </summary>
internal sealed class FailingRequests : HttpPipelinePolicy
{
    private Func<Request, bool>? _failNext;
    private (Func<Request, bool> Matches, Task Release)? _holdNext;

    /// <summary>Fails the next request that <paramref name="matches"/>.</summary>
    public void FailNext(Func<Request, bool> matches) => Volatile.Write(ref _failNext, matches);

    /// <summary>
    /// Holds the next request that <paramref name="matches"/> until <paramref name="release"/> completes, then sends it
    /// (with its call's cancellation token as it then stands): a slow request, for what happens meanwhile.
    /// </summary>
    public void HoldNext(Func<Request, bool> matches, Task release)
    {
        lock (this)
        {
            _holdNext = (matches, release);
        }
    }

    /// <summary>Whether the armed failure has happened.</summary>
    public bool Failed { get; private set; }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        FailIfArmed(message);
        if (Held(message) is { } release)
        {
            await release;
            message.CancellationToken.ThrowIfCancellationRequested();
        }

        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        FailIfArmed(message);
        ProcessNext(message, pipeline);
    }

    private Task? Held(HttpMessage message)
    {
        lock (this)
        {
            if (_holdNext is not { } hold || !hold.Matches(message.Request))
            {
                return null;
            }

            _holdNext = null;
            return hold.Release;
        }
    }

    private void FailIfArmed(HttpMessage message)
    {
        if (Volatile.Read(ref _failNext) is { } matches && matches(message.Request)
            && Interlocked.CompareExchange(ref _failNext, null, matches) == matches)
        {
            Failed = true;
            throw new RequestFailedException(500, "Injected failure of one storage request.");
        }
    }
}
