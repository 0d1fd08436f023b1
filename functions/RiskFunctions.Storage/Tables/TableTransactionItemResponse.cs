using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace RiskFunctions.Storage.Tables;

/// <summary>The response to one operation inside a transaction, as carried in the multipart reply.</summary>
internal sealed class TableTransactionItemResponse(int status, string reasonPhrase, IReadOnlyDictionary<string, string> headers, string clientRequestId)
    : Response
{
    public override int Status => status;

    public override string ReasonPhrase => reasonPhrase;

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = clientRequestId;

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Key, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = headers.TryGetValue(name, out var value) ? [value] : null;
        return values is not null;
    }
}
