using RiskFunctions.Testing.Http;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RiskFunctions.Handler.Security;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Handler.Tests.Security;

/// <summary>Header limits on a real Kestrel, security headers on every answer, and no request value echoed into a header.</summary>
public sealed class RequestHardeningTests : IAsyncLifetime
{
    private SecurityTestApp _app = null!;

    public async Task InitializeAsync() => _app = await SecurityTestApp.StartAsync(
        new Dictionary<string, string?> { ["Security:Hardening:Hsts"] = "true" }, kestrel: true);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/probe/rules:read", HttpStatusCode.Unauthorized)]
    [InlineData("/no/such/path", HttpStatusCode.NotFound)]
    [InlineData("/.well-known/jwks.json", HttpStatusCode.OK)]
    public async Task Response_AnyStatus_CarriesSecurityHeadersAndNoServerHeader(string path, HttpStatusCode status)
    {
        using var response = await _app.Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
        Assert.NotNull(response.Headers.CacheControl);
    }

    [Fact]
    public async Task Response_TenantData_IsNotCacheable()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/probe/rules:read");
        request.Headers.Authorization = new("Bearer", TestTokens.Create(new TestTokenDescriptor { TenantId = "acme", IssuedAt = _app.Time.GetUtcNow() }));

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Request_TooManyHeaders_Returns431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/jwks.json");
        for (var i = 0; i < 80; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Filler-{i}", "x");
        }

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Request_OversizedHeaders_Returns431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/jwks.json");
        request.Headers.TryAddWithoutValidation("X-Big", new string('a', 40 * 1024));

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Request_OversizedRequestLine_Returns414()
    {
        using var response = await _app.Client.GetAsync("/.well-known/jwks.json?q=" + new string('a', 9 * 1024));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Fact]
    public async Task Request_HeaderValueWithRawLineBreak_IsRejectedBeforeTheApp()
    {
        // A raw request a normal client cannot send: header splitting with a bare CR LF inside a value.
        var uri = new Uri(_app.Client.BaseAddress!, "/probe/rules:read");
        using var socket = new TcpClient();
        await socket.ConnectAsync(uri.Host, uri.Port);
        var stream = socket.GetStream();
        var raw = $"GET /probe/rules:read HTTP/1.1\r\nHost: {uri.Authority}\r\nAuthorization: Bearer x\rInjected: 1\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);

        Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_ClientIdWithLineBreaks_IsNeitherEchoedNorTurnedIntoHeaders()
    {
        var hostile = "acme.demo\r\nSet-Cookie: session=stolen\r\nX-Injected: yes";

        using var response = await _app.Client.PostAsync("/oidc/token", TokenEndpointTests.Form(
            ("grant_type", "client_credentials"), ("client_id", hostile), ("client_secret", "x")));

        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("X-Injected"));
        Assert.DoesNotContain("stolen", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_BearerValueWithInjectedHeaderText_IsRefusedWithoutEcho()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/probe/" + RiskScopes.RulesRead);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer abc.def.ghi, X-Injected: yes");

        using var response = await _app.Client.SendAsync(request);

        var messages = await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(messages, message => message.Contains("X-Injected", StringComparison.Ordinal));
        Assert.False(response.Headers.Contains("X-Injected"));
    }
}
