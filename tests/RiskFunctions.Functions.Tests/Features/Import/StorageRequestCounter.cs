using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Functions.Tests.Features.Import;

/// <summary>Counts the storage requests sent while counting (retries included), by method and table, without holding them.</summary>
internal sealed class StorageRequestCounter(string tablePrefix) : HttpPipelineSynchronousPolicy
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _sent = new();
    private volatile bool _counting;

    /// <summary>Runs <paramref name="call"/> and returns the storage requests it sent (named by <see cref="StorageRequestName"/>).</summary>
    public async Task<IReadOnlyList<string>> CountAsync(Func<Task> call)
    {
        _sent.Clear();
        _counting = true;
        try
        {
            await call();
            return [.. _sent];
        }
        finally
        {
            _counting = false;
        }
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Count(message.Request);
    }

    private void Count(Request request)
    {
        if (_counting)
        {
            _sent.Enqueue(StorageRequestName.Of(request, tablePrefix));
        }
    }
}
