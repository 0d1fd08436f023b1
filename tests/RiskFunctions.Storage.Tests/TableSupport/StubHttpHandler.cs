using System.Net;

namespace RiskFunctions.Storage.Tests.TableSupport;

/// <summary>An HTTP handler that records each request and answers from a script, for pipeline-level unit tests.</summary>
internal sealed class StubHttpHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) : HttpMessageHandler
{
    public StubHttpHandler(params HttpStatusCode[] statuses)
        : this((_, attempt) => new HttpResponseMessage(statuses[Math.Min(attempt, statuses.Length - 1)]))
    {
    }

    public List<RecordedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body));
        return respond(request, Requests.Count - 1);
    }

    internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);
}
