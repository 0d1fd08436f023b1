using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Storage.Tests;

/// <summary>Records each table request a client sends (retries included) as its method and unescaped path, to tell which rows it read.</summary>
internal sealed class TableRequestLog : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<string> _sent = new();

    public IReadOnlyList<string> Sent => [.. _sent];

    /// <summary>The point reads sent for <paramref name="rowKey"/> (in any partition).</summary>
    public int PointReadsOf(string rowKey) =>
        Sent.Count(request => request.StartsWith("GET ", StringComparison.Ordinal) && request.Contains($"RowKey='{rowKey.Replace("'", "''", StringComparison.Ordinal)}'", StringComparison.Ordinal));

    public void Clear() => _sent.Clear();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message.Request);
        return ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message.Request);
        ProcessNext(message, pipeline);
    }

    private void Record(Request request) => _sent.Enqueue($"{request.Method} {Uri.UnescapeDataString(request.Uri.ToUri().AbsolutePath)}");
}
