using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// A seam in the storage pipeline that fails one chosen request as the service would (a 500 answer), once armed;
/// every other request passes through. Counts the requests it saw while armed.
/// </summary>
internal sealed class FailingRequests : HttpPipelinePolicy
{
    private Func<Request, bool>? _failNext;

    /// <summary>Fails the next request that <paramref name="matches"/>.</summary>
    public void FailNext(Func<Request, bool> matches) => Volatile.Write(ref _failNext, matches);

    /// <summary>Whether the armed failure has happened.</summary>
    public bool Failed { get; private set; }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        FailIfArmed(message);
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        FailIfArmed(message);
        ProcessNext(message, pipeline);
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
