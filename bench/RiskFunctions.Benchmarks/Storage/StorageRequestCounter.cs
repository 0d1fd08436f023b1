using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Benchmarks.Storage;

/// <summary>Counts every storage request sent (retries included), by method and table, e.g. <c>GET fraudrings</c> or <c>POST $batch</c>.</summary>
internal sealed class StorageRequestCounter(string tablePrefix) : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Total => _counts.Values.Sum();

    /// <summary>The counts so far, and a fresh start.</summary>
    public IReadOnlyDictionary<string, int> Take()
    {
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in _counts.Keys)
        {
            if (_counts.TryRemove(key, out var count))
            {
                taken[key] = count;
            }
        }

        return taken;
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        var segment = message.Request.Uri.Path.TrimEnd('/').Split('/')[^1];
        var table = segment.Split('(', '?')[0];
        if (table.StartsWith(tablePrefix, StringComparison.Ordinal))
        {
            table = table[tablePrefix.Length..];
        }

        _counts.AddOrUpdate($"{message.Request.Method} {table}", 1, static (_, count) => count + 1);
    }
}
