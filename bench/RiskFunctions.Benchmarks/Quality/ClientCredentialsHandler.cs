using System.Net.Http.Headers;
using System.Text.Json;

namespace RiskFunctions.Benchmarks.Quality;

/// <summary>
/// Sends every request with a client-credentials bearer token of the service it goes to (<c>/oidc/token</c>), fetched
/// once and renewed two minutes before it expires: how a script drives a running service.
/// </summary>
internal sealed class ClientCredentialsHandler(string clientId, string clientSecret) : DelegatingHandler(new HttpClientHandler())
{
    private readonly SemaphoreSlim _renewing = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authority = new Uri(request.RequestUri!.GetLeftPart(UriPartial.Authority));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(authority, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _renewing.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<string> TokenAsync(Uri authority, CancellationToken cancellationToken)
    {
        await _renewing.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && DateTimeOffset.UtcNow < _expires)
            {
                return _token;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(authority, "/oidc/token"))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["client_id"] = clientId,
                    ["client_secret"] = clientSecret,
                    ["grant_type"] = "client_credentials",
                    ["resource"] = "https://risk.identity.security",
                }),
            };
            using var response = await base.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"token request failed: {(int)response.StatusCode} {text}");
            }

            using var json = JsonDocument.Parse(text);
            _token = json.RootElement.GetProperty("access_token").GetString();
            _expires = DateTimeOffset.UtcNow.AddSeconds(json.RootElement.GetProperty("expires_in").GetInt32() - 120);
            return _token!;
        }
        finally
        {
            _renewing.Release();
        }
    }
}
