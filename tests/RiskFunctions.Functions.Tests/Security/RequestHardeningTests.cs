using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Security;
using RiskFunctions.Functions.Security.Hardening;
using RiskFunctions.Testing.Http;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// Header and request-line limits (the app's, answered with the error body, and beyond them the host's), security
/// headers on every answer, and no request value echoed into a header, through the local host to the worker.
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

        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Kestrel_WorkersServer_AcceptsMoreThanTheHostAndSendsNoServerHeader()
    {
        // The worker's Kestrel must let through whatever the host forwards, so the app's own check answers with its body.
        await using var security = SecurityServices.Create(new Dictionary<string, string?> { ["Security:Hardening:MaxHeaderCount"] = "50" });

        var kestrel = security.Get<IOptions<KestrelServerOptions>>().Value;
        var hardening = security.Get<IOptions<HardeningOptions>>().Value;

        Assert.False(kestrel.AddServerHeader);
        Assert.Equal(50, hardening.MaxHeaderCount);
        Assert.True(kestrel.Limits.MaxRequestHeaderCount > FunctionsHostLimits.MaxRequestHeaderCount);
        Assert.True(kestrel.Limits.MaxRequestHeadersTotalSize > FunctionsHostLimits.MaxRequestHeadersTotalBytes);
        Assert.True(kestrel.Limits.MaxRequestLineSize > FunctionsHostLimits.MaxRequestLineBytes);
    }

    [Theory]
    [InlineData("Security:Hardening:MaxRequestLineBytes", FunctionsHostLimits.MaxRequestLineBytes)]
    [InlineData("Security:Hardening:MaxHeadersTotalBytes", FunctionsHostLimits.MaxRequestHeadersTotalBytes)]
    [InlineData("Security:Hardening:MaxHeaderCount", FunctionsHostLimits.MaxRequestHeaderCount)]
    public async Task HardeningOptions_LimitAtTheHostsOwn_IsRefusedAtStart(string setting, int value)
    {
        // An app limit the host reaches first would never be answered with the error body.
        await using var security = SecurityServices.Create(new Dictionary<string, string?> { [setting] = value.ToString(CultureInfo.InvariantCulture) });

        Assert.Throws<OptionsValidationException>(() => security.Get<IOptions<HardeningOptions>>().Value);
    }

    [Fact]
    public async Task Response_TenantData_IsNotCacheable()
    {
        using var response = await ScopeProbe.SendWithTokenAsync(app.Client, TestTenant.Create().Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Request_TooManyHeaders_Returns431WithTheErrorBody()
    {
        // 80 headers: within the host's 100, over the app's 64.
        using var request = new HttpRequestMessage(HttpMethod.Get, ".well-known/jwks.json");
        for (var i = 0; i < 80; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Filler-{i}", "x");
        }

        using var response = await app.Client.SendAsync(request);

        var messages = await response.HasErrorBodyAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.Equal(["headers: more than 64 headers"], messages);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Request_OversizedHeaders_Returns431WithTheErrorBody()
    {
        // 26 KiB: within the host's 32 KiB, over the app's 24 KiB; refused before authentication.
        using var request = new HttpRequestMessage(HttpMethod.Get, "risk/v1/recommendation/rules");
        request.Headers.TryAddWithoutValidation("X-Big", new string('a', 26 * 1024));

        using var response = await app.Client.SendAsync(request);

        var messages = await response.HasErrorBodyAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.Equal(["headers: exceed the limit of 24576 bytes in total"], messages);
    }

    [Fact]
    public async Task Request_OversizedRequestLine_Returns414WithTheErrorBody()
    {
        // 7 KiB of query: within the host's 8 KiB request line, over the app's 6 KiB.
        using var response = await app.Client.GetAsync(new Uri(".well-known/jwks.json?q=" + new string('a', 7 * 1024), UriKind.Relative));

        var messages = await response.HasErrorBodyAsync(HttpStatusCode.RequestUriTooLong);
        Assert.Equal(["request_line: exceeds the limit of 6144 bytes"], messages);
    }

    [Fact]
    public async Task Request_OversizedRequestLineOnTheTokenEndpoint_Returns414InTheOAuthShape()
    {
        using var response = await app.Client.PostAsync(
            new Uri("oidc/token?q=" + new string('a', 7 * 1024), UriKind.Relative), TokenEndpointFixture.Form(("grant_type", "client_credentials")));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request", body.RootElement.GetProperty("error").GetString());
        Assert.Equal("request_line: exceeds the limit of 6144 bytes", body.RootElement.GetProperty("error_description").GetString());
    }

    [Theory]
    [InlineData(9 * 1024, 0, HttpStatusCode.RequestUriTooLong)]
    [InlineData(0, 40 * 1024, HttpStatusCode.RequestHeaderFieldsTooLarge)]
    public async Task Request_OverTheHostsOwnLimits_IsAnsweredByTheHostWithoutABody(int queryLength, int headerLength, HttpStatusCode status)
    {
        // The one edge left: beyond the Functions host's Kestrel limits the host answers before any app code runs.
        using var request = new HttpRequestMessage(HttpMethod.Get, ".well-known/jwks.json?q=" + new string('a', queryLength));
        request.Headers.TryAddWithoutValidation("X-Big", new string('a', headerLength));

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
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
    public async Task Request_HeaderValueOutsideAscii_Is400NotABadGateway()
    {
        // HttpClient refuses to send such a value, so the request is written by hand, in UTF-8.
        var uri = new Uri(app.Client.BaseAddress!, ".well-known/jwks.json");
        using var socket = new TcpClient();
        await socket.ConnectAsync(uri.Host, uri.Port);
        var stream = socket.GetStream();
        var raw = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nX-Name: caf\u00e9\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(raw));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);

        var answer = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\nServer:", answer, StringComparison.OrdinalIgnoreCase);
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
