using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RiskFunctions.Functions.Tests.Security.CrossTenant;
using RiskFunctions.Functions.Security;
using RiskFunctions.Functions.Security.Clients;
using RiskFunctions.Testing.Http;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary><c>POST /oidc/token</c> through the local host, against clients stored in the shared Azurite.</summary>
[Collection(TokenEndpointCollection.Name)]
public sealed class TokenEndpointTests(TokenEndpointFixture app)
{
    private const string Resource = "https://risk.identity.security";
    private readonly TestTenant _tenant = TestTenant.Create();

    private Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret, string? scope = null, string resource = Resource)
    {
        var fields = new List<(string, string)> { ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret), ("resource", resource) };
        if (scope is not null)
        {
            fields.Add(("scope", scope));
        }

        return PostTokenAsync(TokenEndpointFixture.Form([.. fields]));
    }

    private Task<HttpResponseMessage> PostTokenAsync(HttpContent content) => app.Client.PostAsync(new Uri("oidc/token", UriKind.Relative), content);

    internal static async Task<string> OAuthErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        using var body = JsonDocument.Parse(text);
        Assert.True(body.RootElement.TryGetProperty("error_description", out _));
        return body.RootElement.GetProperty("error").GetString()!;
    }

    private static async Task<string> AccessTokenAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task Token_ValidClientCredentials_ReturnsBearerTokenThatAuthenticatesForItsTenant()
    {
        var (clientId, secret) = await app.RegisterAsync(_tenant.Id);

        using var response = await RequestTokenAsync(clientId, secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(string.Join(' ', RiskScopes.Default), body.GetProperty("scope").GetString());
        using var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("access_token").GetString());
        using var created = await client.PostAsync(new Uri("risk/v1/recommendation/rules", UriKind.Relative), CrossTenantFixture.Json(TenantEndpoints.RuleBody("issued", 3)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var owner = app.ClientFor(_tenant);
        var rules = await owner.GetFromJsonAsync<JsonElement>(new Uri("risk/v1/recommendation/rules", UriKind.Relative));
        Assert.Contains(rules.GetProperty("data").EnumerateArray(), rule => rule.GetProperty("name").GetString() == "issued");
    }

    [Fact]
    public async Task Token_BasicClientAuthentication_ReturnsToken()
    {
        var (clientId, secret) = await app.RegisterAsync(_tenant.Id);
        using var request = new HttpRequestMessage(HttpMethod.Post, "oidc/token")
        {
            Content = TokenEndpointFixture.Form(("grant_type", "client_credentials"), ("resource", Resource)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_NarrowerScope_GrantsOnlyThatScope()
    {
        var (clientId, secret) = await app.RegisterAsync(_tenant.Id);

        using var response = await RequestTokenAsync(clientId, secret, scope: RiskScopes.RecommendationsRead);

        var token = await AccessTokenAsync(response);
        using var read = await ScopeProbe.SendWithTokenAsync(app.Client, token, RiskScopes.RecommendationsRead);
        using var write = await ScopeProbe.SendWithTokenAsync(app.Client, token, RiskScopes.RulesWrite);
        ScopeProbe.AssertAdmitted(read);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Token_ReadOnlyClient_CannotWriteRulesOrLabels()
    {
        var (clientId, secret) = await app.RegisterAsync(_tenant.Id, scopes: [RiskScopes.RecommendationsRead, RiskScopes.RulesRead, RiskScopes.LabelsRead]);

        using var response = await RequestTokenAsync(clientId, secret);

        var token = await AccessTokenAsync(response);
        using var rules = await ScopeProbe.SendWithTokenAsync(app.Client, token, RiskScopes.RulesWrite);
        using var labels = await ScopeProbe.SendWithTokenAsync(app.Client, token, RiskScopes.LabelsWrite);
        await rules.HasErrorBodyAsync(HttpStatusCode.Forbidden);
        await labels.HasErrorBodyAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Token_ScopeBeyondTheClients_Returns400InvalidScope()
    {
        var (clientId, secret) = await app.RegisterAsync(_tenant.Id, scopes: [RiskScopes.RulesRead]);

        using var response = await RequestTokenAsync(clientId, secret, scope: "rules:read rules:write");

        Assert.Equal("invalid_scope", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_WrongSecret_Returns401InvalidClient()
    {
        var (clientId, _) = await app.RegisterAsync(_tenant.Id);

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
        var (clientId, secret) = await app.RegisterAsync(_tenant.Id, disabled: true);

        using var response = await RequestTokenAsync(clientId, secret);

        Assert.Equal("invalid_client", await OAuthErrorAsync(response, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Token_BruteForceSecretsOfOneClient_RateLimitedWith429EvenForTheRightSecret()
    {
        var (clientId, secret) = await app.RegisterAsync(_tenant.Id);
        for (var attempt = 0; attempt < TokenEndpointFixture.RequestsPerClientPerMinute; attempt++)
        {
            using var guess = await RequestTokenAsync(clientId, "guess-" + attempt);
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        using var limited = await RequestTokenAsync(clientId, "guess-6");
        using var evenTheRightSecret = await RequestTokenAsync(clientId, secret);

        Assert.Equal("temporarily_unavailable", await OAuthErrorAsync(limited, HttpStatusCode.TooManyRequests));
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, evenTheRightSecret.StatusCode);
    }

    [Fact]
    public async Task Token_WrongGrantType_Returns400UnsupportedGrantType()
    {
        using var response = await PostTokenAsync(TokenEndpointFixture.Form(("grant_type", "password"), ("client_id", "a.b"), ("client_secret", "x")));

        Assert.Equal("unsupported_grant_type", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_WrongResource_Returns400InvalidTarget()
    {
        var (clientId, secret) = await app.RegisterAsync(_tenant.Id);

        using var response = await RequestTokenAsync(clientId, secret, resource: "https://graph.microsoft.com");

        Assert.Equal("invalid_target", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_JsonBody_Returns400InvalidRequest()
    {
        using var response = await PostTokenAsync(JsonContent.Create(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "a.b", ["client_secret"] = "x" }));

        Assert.Equal("invalid_request", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_RepeatedParameter_Returns400InvalidRequest()
    {
        using var response = await PostTokenAsync(TokenEndpointFixture.Form(("grant_type", "client_credentials"), ("client_id", "a.b"), ("client_id", "c.d"), ("client_secret", "x")));

        Assert.Equal("invalid_request", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_MissingSecret_Returns400InvalidRequest()
    {
        using var response = await PostTokenAsync(TokenEndpointFixture.Form(("grant_type", "client_credentials"), ("client_id", "a.b")));

        Assert.Equal("invalid_request", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_FormOverTheFieldCountLimit_Returns400InvalidRequest()
    {
        var fields = Enumerable.Range(0, 1100).Select(i => ("f" + i, "x")).Prepend(("grant_type", "client_credentials")).ToArray();
        using var response = await PostTokenAsync(TokenEndpointFixture.Form(fields));

        Assert.Equal("invalid_request", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_FormKeyOverTheLengthLimit_Returns400InvalidRequest()
    {
        using var response = await PostTokenAsync(TokenEndpointFixture.Form(("grant_type", "client_credentials"), (new string('k', 3000), "x")));

        Assert.Equal("invalid_request", await OAuthErrorAsync(response, HttpStatusCode.BadRequest));
    }
}
