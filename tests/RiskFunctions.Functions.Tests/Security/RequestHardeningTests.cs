using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Security;
using RiskFunctions.Testing.Http;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// Header limits, security headers on every answer, and no request value echoed into a header, through the local
/// host to the worker (whose Kestrel applies the header limits).
/// </summary>
[Collection(LimitsAppCollection.Name)]
public sealed class RequestHardeningTests(LimitsAppFixture app)
{
    [Theory]
    [InlineData("risk/v1/recommendation/rules", HttpStatusCode.Unauthorized)]
    [InlineData("risk/v1/label/not-a-label-id", HttpStatusCode.Unauthorized)]
    [InlineData(".well-known/jwks.json", HttpStatusCode.OK)]
    public async Task Response_AnyStatus_CarriesSecurityHeaders(string path, HttpStatusCode status)
    {
        using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.CacheControl);

        // No Server header is the worker's part (see Kestrel_WorkersServer_...); the host in front of it writes its own.
    }

    [Fact]
    public async Task Kestrel_WorkersServer_HasTheHeaderLimitsAndNoServerHeader()
    {
        // What the worker's own Kestrel is told; the host in front of it has limits of its own.
        await using var security = SecurityServices.Create(new Dictionary<string, string?> { ["Security:Hardening:MaxHeaderCount"] = "50" });

        var kestrel = security.Get<IOptions<KestrelServerOptions>>().Value;

        Assert.False(kestrel.AddServerHeader);
        Assert.Equal(50, kestrel.Limits.MaxRequestHeaderCount);
        Assert.Equal(32 * 1024, kestrel.Limits.MaxRequestHeadersTotalSize);
        Assert.Equal(8 * 1024, kestrel.Limits.MaxRequestLineSize);
    }

    [Fact]
    public async Task Response_TenantData_IsNotCacheable()
    {
        using var response = await ScopeProbe.SendWithTokenAsync(app.Client, TestTenant.Create().Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Request_TooManyHeaders_Returns431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ".well-known/jwks.json");
        for (var i = 0; i < 80; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Filler-{i}", "x");
        }

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Request_OversizedHeaders_Returns431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ".well-known/jwks.json");
        request.Headers.TryAddWithoutValidation("X-Big", new string('a', 40 * 1024));

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Request_OversizedRequestLine_Returns414()
    {
        using var response = await app.Client.GetAsync(new Uri(".well-known/jwks.json?q=" + new string('a', 9 * 1024), UriKind.Relative));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Fact]
    public async Task Request_HeaderValueWithRawLineBreak_IsRejectedBeforeTheApp()
    {
        // A raw request a normal client cannot send: header splitting with a bare CR inside a value.
        var uri = new Uri(app.Client.BaseAddress!, "risk/v1/recommendation/rules");
        using var socket = new TcpClient();
        await socket.ConnectAsync(uri.Host, uri.Port);
        var stream = socket.GetStream();
        var raw = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nAuthorization: Bearer x\rInjected: 1\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);

        Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_ClientIdWithLineBreaks_IsNeitherEchoedNorTurnedIntoHeaders()
    {
        var hostile = "acme.demo\r\nSet-Cookie: session=stolen\r\nX-Injected: yes";
        using var request = new HttpRequestMessage(HttpMethod.Post, "oidc/token")
        {
            Content = TokenEndpointFixture.Form(("grant_type", "client_credentials"), ("client_id", hostile), ("client_secret", "x")),
        };

        // An address of its own (the trusted front end's entry), so the per-address budget of other tests is not spent.
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "198.51.100." + Random.Shared.Next(1, 250).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await app.Client.SendAsync(request);

        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("X-Injected"));
        Assert.DoesNotContain("stolen", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_BearerValueWithInjectedHeaderText_IsRefusedWithoutEcho()
    {
        using var response = await ScopeProbe.SendAsync(app.Client, RiskScopes.RulesRead, "Bearer abc.def.ghi, X-Injected: yes");

        var messages = await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(messages, message => message.Contains("X-Injected", StringComparison.Ordinal));
        Assert.False(response.Headers.Contains("X-Injected"));
    }
}
