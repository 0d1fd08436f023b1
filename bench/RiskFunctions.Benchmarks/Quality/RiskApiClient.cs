using System.Net;
using System.Text;
using System.Text.Json;

namespace RiskFunctions.Benchmarks.Quality;

/// <summary>
/// The service as a client sees it: a client-credentials token, the import endpoint and GET /recommendation,
/// with the retries a well-behaved client makes (429 with Retry-After, 503).
/// </summary>
internal sealed class RiskApiClient : IDisposable
{
    private const int MaxAttempts = 40;

    private readonly HttpClient _http;

    public RiskApiClient(Uri baseAddress, string clientId, string clientSecret) =>
        _http = new HttpClient(new ClientCredentialsHandler(clientId, clientSecret)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };

    public void Dispose() => _http.Dispose();

    /// <summary>Posts one NDJSON batch; returns the parsed answer or throws with the service's error body.</summary>
    public async Task<JsonDocument> ImportAsync(IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var body = string.Join('\n', lines);
        return await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/risk/v1/import/actions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
        }, cancellationToken);
    }

    public Task<JsonDocument> GetRecommendationAsync(string actionToken, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/risk/v1/recommendation?action_token=" + Uri.EscapeDataString(actionToken)), cancellationToken);

    private async Task<JsonDocument> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = create();
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return JsonDocument.Parse(text);
            }

            // A migrating script keeps posting through a storage stall (Azurite scanning a large table can pause every
            // request for tens of seconds): posting a batch again is safe, so a few minutes of 503s are waited out.
            if (attempt < MaxAttempts && response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt);
                await Task.Delay(wait, cancellationToken);
                continue;
            }

            throw new HttpRequestException($"{(int)response.StatusCode} {response.StatusCode} from {request.RequestUri}: {text}", null, response.StatusCode);
        }
    }
}
