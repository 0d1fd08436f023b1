using System.Net;
using System.Net.Http.Headers;
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
    private readonly string _clientId;
    private readonly string _clientSecret;
    private string? _token;
    private DateTimeOffset _tokenExpires;

    public RiskApiClient(Uri baseAddress, string clientId, string clientSecret)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
        _clientId = clientId;
        _clientSecret = clientSecret;
    }

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
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
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

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_token is not null && DateTimeOffset.UtcNow < _tokenExpires)
        {
            return _token;
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = _clientId,
            ["client_secret"] = _clientSecret,
            ["grant_type"] = "client_credentials",
            ["resource"] = "https://risk.identity.security",
        });
        using var response = await _http.PostAsync("/oidc/token", content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"token request failed: {(int)response.StatusCode} {text}");
        }

        using var json = JsonDocument.Parse(text);
        _token = json.RootElement.GetProperty("access_token").GetString();
        _tokenExpires = DateTimeOffset.UtcNow.AddSeconds(json.RootElement.GetProperty("expires_in").GetInt32() - 120);
        return _token!;
    }
}
