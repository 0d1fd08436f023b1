using RiskFunctions.Testing.Http;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RiskFunctions.Handler.Security;
using RiskFunctions.Handler.Security.Clients;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Clients;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Handler.Tests.Security;

/// <summary>POST /oidc/token against clients stored in a real Azurite.</summary>
public sealed class TokenEndpointTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Resource = "https://risk.identity.security";
    private SecurityTestApp _app = null!;
    private readonly TestTenant _tenant = TestTenant.Create();

    public async Task InitializeAsync() => _app = await SecurityTestApp.StartAsync(Settings(azurite));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    internal static Dictionary<string, string?> Settings(AzuriteFixture azurite, int perAddress = 1000, int perClient = 5) => new()
    {
        ["Storage:ConnectionString"] = azurite.ConnectionString,
        ["Storage:TablePrefix"] = azurite.NewTablePrefix(),
        ["Storage:CallTimeout"] = AzuriteFixture.TestCallTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        // Low iterations keep tests fast; the cost model (one derivation per attempt) is what is tested.
        ["Security:ClientSecrets:Iterations"] = "1000",
        ["Security:RateLimits:TokenEndpoint:RequestsPerAddressPerMinute"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Security:RateLimits:TokenEndpoint:RequestsPerClientPerMinute"] = perClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    internal static async Task<(string ClientId, string Secret)> RegisterAsync(SecurityTestApp app, string tenant, string name = "demo", IReadOnlyList<string>? scopes = null, bool disabled = false)
    {
        var secret = ClientSecretHasher.GenerateSecret();
        var hash = app.Services.GetRequiredService<ClientSecretHasher>().Hash(secret);
        var record = new ClientRecord(tenant, name, hash, scopes ?? RiskScopes.Default, disabled, DateTimeOffset.UtcNow);

        // This app runs the token endpoint alone, without the service's start-up creation of the tables.
        await app.Services.GetRequiredService<RiskTables>().EnsureCreatedAsync([ClientRepository.TableName]);
        Assert.True(await app.Services.GetRequiredService<ClientRepository>().CreateAsync(record));
        return (new ClientIdentifier(tenant, name).ToString(), secret);
    }

    internal static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(field => new KeyValuePair<string, string>(field.Key, field.Value)));

    private Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret, string? scope = null, string resource = Resource)
    {
        var fields = new List<(string, string)> { ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret), ("resource", resource) };
        if (scope is not null)
        {
            fields.Add(("scope", scope));
        }

        return _app.Client.PostAsync("/oidc/token", Form([.. fields]));
    }

    private static async Task<string> OAuthErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        using var body = JsonDocument.Parse(text);
        Assert.True(body.RootElement.TryGetProperty("error_description", out _));
        return body.RootElement.GetProperty("error").GetString()!;
    }

    [Fact]
    public async Task Token_ValidClientCredentials_ReturnsBearerTokenThatAuthenticatesForItsTenant()
    {
        var (clientId, secret) = await RegisterAsync(_app, _tenant.Id);

        using var response = await RequestTokenAsync(clientId, secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(string.Join(' ', RiskScopes.Default), body.GetProperty("scope").GetString());
        using var probe = await _app.ProbeWithTokenAsync(body.GetProperty("access_token").GetString()!, RiskScopes.RulesWrite);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal(_tenant.Id, await probe.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_BasicClientAuthentication_ReturnsToken()
    {
        var (clientId, secret) = await RegisterAsync(_app, _tenant.Id);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oidc/token")
        {
            Content = Form(("grant_type", "client_credentials"), ("resource", Resource)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_NarrowerScope_GrantsOnlyThatScope()
    {
        var (clientId, secret) = await RegisterAsync(_app, _tenant.Id);

        using var response = await RequestTokenAsync(clientId, secret, scope: RiskScopes.RecommendationsRead);

        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        using var read = await _app.ProbeWithTokenAsync(token, RiskScopes.RecommendationsRead);
        using var write = await _app.ProbeWithTokenAsync(token, RiskScopes.RulesWrite);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Token_ReadOnlyClient_CannotWriteRulesOrLabels()
    {
        var (clientId, secret) = await RegisterAsync(_app, _tenant.Id, scopes: [RiskScopes.RecommendationsRead, RiskScopes.RulesRead, RiskScopes.LabelsRead]);

        using var response = await RequestTokenAsync(clientId, secret);

        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        using var rules = await _app.ProbeWithTokenAsync(token, RiskScopes.RulesWrite);
        using var labels = await _app.ProbeWithTokenAsync(token, RiskScopes.LabelsWrite);
        await rules.HasErrorBodyAsync(HttpStatusCode.Forbidden);
        await labels.HasErrorBodyAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Token_ScopeBeyondTheClients_Returns400InvalidScope()
    {
        var (clientId, secret) = await RegisterAsync(_app, _tenant.Id, scopes: [RiskScopes.RulesRead]);

        using var response = await RequestTokenAsync(clientId, secret, scope: "rules:read rules:write");

        Assert.Equal("invalid_scope", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_WrongSecret_Returns401InvalidClient()
    {
        var (clientId, _) = await RegisterAsync(_app, _tenant.Id);

        using var response = await RequestTokenAsync(clientId, ClientSecretHasher.GenerateSecret());

        Assert.Equal("invalid_client", await OAuthErrorAsync(response, HttpStatusCode.Unauthorized));
    }

    [Theory]
    [InlineData("nobody.demo")]
    [InlineData("no-separator")]
    [InlineData("Bad Tenant.demo")]
    [InlineData("acme.demo' or '1'='1")]
    public async Task Token_UnknownOrMalformedClient_Returns401InvalidClient(string clientId)
    {
        using var response = await RequestTokenAsync(clientId, "secret");

        Assert.Equal("invalid_client", await OAuthErrorAsync(response, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Token_DisabledClient_Returns401InvalidClient()
    {
        var (clientId, secret) = await RegisterAsync(_app, _tenant.Id, disabled: true);

        using var response = await RequestTokenAsync(clientId, secret);

        Assert.Equal("invalid_client", await OAuthErrorAsync(response, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Token_UnknownClientAndKnownClientWithWrongSecret_BothRunExactlyOneKeyDerivation()
    {
        var (clientId, _) = await RegisterAsync(_app, _tenant.Id);
        using var derivations = new DerivationCounter(_app.Services);

        using (var known = await RequestTokenAsync(clientId, "wrong-secret"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, known.StatusCode);
        }

        var afterKnown = derivations.Count;
        using (var unknown = await RequestTokenAsync(_tenant.Id + ".nobody", "wrong-secret"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }

        Assert.Equal(1, afterKnown);
        Assert.Equal(2, derivations.Count);
    }

    [Fact]
    public async Task Token_BruteForceSecretsOfOneClient_RateLimitedWith429AndNoFurtherDerivations()
    {
        var (clientId, secret) = await RegisterAsync(_app, _tenant.Id);
        using var derivations = new DerivationCounter(_app.Services);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var guess = await RequestTokenAsync(clientId, "guess-" + attempt);
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        using var limited = await RequestTokenAsync(clientId, "guess-6");
        using var evenTheRightSecret = await RequestTokenAsync(clientId, secret);

        Assert.Equal("temporarily_unavailable", await OAuthErrorAsync(limited, HttpStatusCode.TooManyRequests));
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, evenTheRightSecret.StatusCode);
        Assert.Equal(5, derivations.Count);
    }

    [Fact]
    public async Task Token_TooManyRequestsFromOneAddress_Returns429()
    {
        await using var app = await SecurityTestApp.StartAsync(Settings(azurite, perAddress: 3));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var allowed = await app.Client.PostAsync("/oidc/token", Form(("grant_type", "client_credentials"), ("client_id", $"t.c{attempt}"), ("client_secret", "x")));
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var limited = await app.Client.PostAsync("/oidc/token", Form(("grant_type", "client_credentials"), ("client_id", "t.other"), ("client_secret", "x")));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Token_SpoofedForwardedForWithoutTrust_DoesNotEscapeTheAddressLimit()
    {
        await using var app = await SecurityTestApp.StartAsync(Settings(azurite, perAddress: 2));
        HttpStatusCode last = default;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/oidc/token")
            {
                Content = Form(("grant_type", "client_credentials"), ("client_id", "t.c"), ("client_secret", "x")),
            };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"203.0.113.{attempt}");
            using var response = await app.Client.SendAsync(request);
            last = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }

    [Fact]
    public async Task Token_WrongGrantType_Returns400UnsupportedGrantType()
    {
        using var response = await _app.Client.PostAsync("/oidc/token", Form(("grant_type", "password"), ("client_id", "a.b"), ("client_secret", "x")));

        Assert.Equal("unsupported_grant_type", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_WrongResource_Returns400InvalidTarget()
    {
        var (clientId, secret) = await RegisterAsync(_app, _tenant.Id);

        using var response = await RequestTokenAsync(clientId, secret, resource: "https://graph.microsoft.com");

        Assert.Equal("invalid_target", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_JsonBody_Returns400InvalidRequest()
    {
        using var response = await _app.Client.PostAsJsonAsync("/oidc/token", new { grant_type = "client_credentials", client_id = "a.b", client_secret = "x" });

        Assert.Equal("invalid_request", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_RepeatedParameter_Returns400InvalidRequest()
    {
        using var response = await _app.Client.PostAsync("/oidc/token", Form(("grant_type", "client_credentials"), ("client_id", "a.b"), ("client_id", "c.d"), ("client_secret", "x")));

        Assert.Equal("invalid_request", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_MissingSecret_Returns400InvalidRequest()
    {
        using var response = await _app.Client.PostAsync("/oidc/token", Form(("grant_type", "client_credentials"), ("client_id", "a.b")));

        Assert.Equal("invalid_request", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Register_StoredRow_HoldsOnlyASaltedSlowHashOfTheSecret()
    {
        var (_, secret) = await RegisterAsync(_app, _tenant.Id, name: "stored");
        var (_, sameSecretOther) = await RegisterAsync(_app, _tenant.Id, name: "other");

        var stored = await _app.Services.GetRequiredService<ClientRepository>().GetAsync(_tenant.Id, "stored");

        Assert.NotNull(stored);
        Assert.DoesNotContain(secret, stored.SecretHash, StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha256$1000$", stored.SecretHash, StringComparison.Ordinal);
        Assert.NotEqual(sameSecretOther, secret);
    }

    /// <summary>Counts secret key derivations of one app instance through its metrics.</summary>
    private sealed class DerivationCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public DerivationCounter(IServiceProvider services)
        {
            var factory = services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SecurityMetrics.MeterName && instrument.Meter.Scope == factory && instrument.Name == "risk.security.secret_derivations")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
