using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Storage.Tests;

/// <summary>Records each table request a client sends (retries included) as its method and unescaped path, to tell which rows it read.</summary>
internal sealed class TableRequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _sent = new();

    public IReadOnlyList<string> Sent => [.. _sent];

    /// <summary>The point reads sent for <paramref name="rowKey"/> (in any partition).</summary>
    public int PointReadsOf(string rowKey) =>
        Sent.Count(request => request.StartsWith("GET ", StringComparison.Ordinal) && request.Contains($"RowKey='{rowKey.Replace("'", "''", StringComparison.Ordinal)}'", StringComparison.Ordinal));

    public void Clear() => _sent.Clear();

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _sent.Enqueue($"{message.Request.Method} {Uri.UnescapeDataString(message.Request.Uri.ToUri().AbsolutePath)}");
    }
}
