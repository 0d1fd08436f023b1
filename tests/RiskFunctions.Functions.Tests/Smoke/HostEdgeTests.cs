using System.Net;
using System.Text.Json;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Http;

namespace RiskFunctions.Functions.Tests.Smoke;

/// <summary>Requests no function was written for, answered through the local host in the API's error bodies.</summary>
[Collection(FunctionAppCollection.Name)]
public sealed class HostEdgeTests(FunctionAppFixture app)
{
    [Theory]
    [InlineData("GET", "no/such/endpoint")]
    [InlineData("POST", "risk/v1/nothing-here")]
    [InlineData("DELETE", "health")]
    public async Task UnknownRoute_AnyMethod_Answers404WithErrorBody(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));

        using var response = await app.Client.SendAsync(request);

        var messages = await response.HasErrorBodyAsync(HttpStatusCode.NotFound);
        Assert.Contains(messages, m => m.StartsWith("path:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KnownRoute_StillWinsOverTheCatchAll()
    {
        using var response = await app.Client.GetAsync(new Uri("health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_BodyOverTheLimit_Answers413InOAuthShape()
    {
        using var content = new StringContent("grant_type=client_credentials&client_id=x&client_secret=" + new string('a', 200_000), System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await app.Client.PostAsync(new Uri("oidc/token", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request", body.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error_description").GetString()));
    }

    [Fact]
    public async Task Token_UnsupportedGrant_Answers400InOAuthShape()
    {
        using var response = await app.Client.PostAsync(new Uri("oidc/token", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.TryGetProperty("error", out _));
        Assert.False(body.RootElement.TryGetProperty("error_code", out _));
    }
}
