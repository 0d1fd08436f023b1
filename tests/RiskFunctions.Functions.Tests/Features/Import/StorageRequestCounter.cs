using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Functions.Tests.Features.Import;

/// <summary>Counts the storage requests sent while counting (retries included), by method and table, without holding them.</summary>
internal sealed partial class StorageRequestCounter : HttpPipelinePolicy
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _sent = new();
    private volatile bool _counting;

    /// <summary>Runs <paramref name="call"/> and returns the storage requests it sent (<c>GET actionindex</c>, <c>POST $batch</c>, ...).</summary>
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

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        return ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        ProcessNext(message, pipeline);
    }

    private void Count(Request request)
    {
        if (_counting)
        {
            var path = Uri.UnescapeDataString(request.Uri.Path);
            var segment = path[(path.LastIndexOf('/') + 1)..];
            var paren = segment.IndexOf('(', StringComparison.Ordinal);
            var table = segment == "$batch" ? "$batch " + TransactionTable(request) : paren < 0 ? segment : segment[..paren];
            _sent.Enqueue($"{request.Method.Method} {table}");
        }
    }

    /// <summary>The table of an entity group transaction: the one its first operation's URL names.</summary>
    private static string TransactionTable(Request request)
    {
        // The SDK's multipart content is written again on a retry, so writing it once more here changes nothing.
        using var body = new MemoryStream();
        request.Content?.WriteTo(body, CancellationToken.None);
        var operation = FirstOperation().Match(System.Text.Encoding.UTF8.GetString(body.ToArray()));
        return operation.Success ? operation.Groups["table"].Value : "?";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:POST|PUT|PATCH|MERGE|DELETE) \S+/(?<table>[A-Za-z0-9]+)[(\s?]")]
    private static partial System.Text.RegularExpressions.Regex FirstOperation();
}
