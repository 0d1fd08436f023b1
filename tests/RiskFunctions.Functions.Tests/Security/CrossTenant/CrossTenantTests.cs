using RiskFunctions.Testing.Http;
using System.Net;
using System.Text;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security.CrossTenant;

/// <summary>
/// Tenant isolation, authentication and body limits on every tenant-scoped HTTP function of the app's generated
/// metadata, through the local Functions host and the worker process: another tenant's rule id, label id and
/// action token answer 404 (like unknown ids) and are never changed; no token is 401; a token without the
/// endpoint's scope is 403 (both in the service's common error body, on every API, as the OpenAPI
/// document says); oversized and deeply nested bodies are 4xx in the endpoint's own error shape, never 500.
/// </summary>
public sealed class CrossTenantTests(CrossTenantFixture fixture) : IClassFixture<CrossTenantFixture>
{
    public static TheoryData<string> Endpoints => [.. TenantEndpoints.All.Select(endpoint => endpoint.Function)];

    public static TheoryData<string> BodyEndpoints => [.. TenantEndpoints.All.Where(endpoint => endpoint.ValidBody is not null).Select(endpoint => endpoint.Function)];

    private static TenantEndpoint Endpoint(string function) => TenantEndpoints.All.Single(endpoint => endpoint.Function == function);

    /// <summary>The catalog's method and route of <paramref name="function"/>, with any route parameter filled.</summary>
    private static HttpRequestMessage Request(string function, string? body = null)
    {
        var trigger = FunctionMetadataFile.Http.Single(definition => definition.Name == function);
        var path = System.Text.RegularExpressions.Regex.Replace(trigger.Route, @"\{[^}]+\}", "0123456789abcdef0123456789abcdef");
        var request = new HttpRequestMessage(new HttpMethod(trigger.Methods[0]), path);
        if (body is not null)
        {
            request.Content = CrossTenantFixture.Json(body);
        }

        return request;
    }

    [Fact]
    public void Metadata_EveryTenantScopedHttpFunction_HasACrossTenantEntry()
    {
        var covered = TenantEndpoints.All.Select(endpoint => endpoint.Function).ToHashSet(StringComparer.Ordinal);
        var missing = FunctionMetadataFile.Http
            .Where(definition => TenantEndpoints.TenantScopedPrefixes.Any(prefix => definition.Route.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Select(definition => definition.Name)
            .Where(name => !covered.Contains(name))
            .ToList();

        Assert.True(missing.Count == 0, "Add these functions to TenantEndpoints: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_OtherTenantsIds_AnswerNotFoundAndChangeNothing(string function)
    {
        await Endpoint(function).Attack(fixture);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithoutToken_Returns401(string function)
    {
        using var client = fixture.NewClient();
        using var request = Request(function, Endpoint(function).ValidBody);

        using var response = await client.SendAsync(request);

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_TokenOfAnotherIssuerKey_Returns401(string function)
    {
        using var stranger = System.Security.Cryptography.RSA.Create(2048);
        var signer = TestSigner.Rsa(stranger, TestTokens.KeyId);
        var forged = TestTokens.Sign(TestTokens.Header(signer), TestTokens.Payload(new TestTokenDescriptor { TenantId = fixture.Victim.Id }), signer);
        using var client = fixture.NewClient();
        using var request = Request(function, Endpoint(function).ValidBody);
        request.Headers.Authorization = new("Bearer", forged);

        using var response = await client.SendAsync(request);

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_TokenWithEveryOtherScope_Returns403(string function)
    {
        var endpoint = Endpoint(function);
        var otherScopes = TestTokens.AllScopes.Where(scope => scope != endpoint.Scope).ToArray();
        using var client = fixture.ClientFor(fixture.Attacker, otherScopes);
        using var request = Request(function, endpoint.ValidBody);

        using var response = await client.SendAsync(request);

        var messages = await response.HasErrorBodyAsync(HttpStatusCode.Forbidden);
        Assert.Contains(messages, message => message.Contains(endpoint.Scope, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Endpoint_OversizedBody_Returns413(string function)
    {
        using var client = fixture.ClientFor(fixture.Attacker);
        var padding = new string('x', 70 * 1024);
        using var request = Request(function, Endpoint(function).ValidBody![..^1] + ",\"padding\":\"" + padding + "\"}");

        using var response = await client.SendAsync(request);

        await ExpectErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, Endpoint(function).Errors);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Endpoint_DeeplyNestedJson_Returns400(string function)
    {
        using var client = fixture.ClientFor(fixture.Attacker);
        var nested = new StringBuilder();
        nested.Append(Endpoint(function).ValidBody![..^1]).Append(",\"deep\":");
        nested.Append('[', 200).Append(']', 200).Append('}');
        using var request = Request(function, nested.ToString());

        using var response = await client.SendAsync(request);

        await ExpectErrorAsync(response, HttpStatusCode.BadRequest, Endpoint(function).Errors);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Endpoint_ValidBodyAfterByteOrderMark_IsNotRefusedForIt(string function)
    {
        using var client = fixture.ClientFor(fixture.Attacker);
        using var request = Request(function);
        request.Content = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Endpoint(function).ValidBody!)]);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await client.SendAsync(request);

        // The body is valid, so whatever the endpoint answers (created, or a refusal of the placeholder ids in the
        // route), it is not a refusal of the body.
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("body", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("JSON", answer, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Endpoint_EmptyBody_Returns400(string function)
    {
        using var client = fixture.ClientFor(fixture.Attacker);
        using var request = Request(function, string.Empty);

        using var response = await client.SendAsync(request);

        Assert.Contains("body", await ExpectErrorAsync(response, HttpStatusCode.BadRequest, Endpoint(function).Errors), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Endpoint_BodyWithoutContentType_Returns415(string function)
    {
        using var client = fixture.ClientFor(fixture.Attacker);
        using var request = Request(function);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Endpoint(function).ValidBody!));

        using var response = await client.SendAsync(request);

        await ExpectErrorAsync(response, HttpStatusCode.UnsupportedMediaType, Endpoint(function).Errors);
    }

    /// <summary>Asserts the status and the endpoint's error shape as JSON; returns the body text.</summary>
    private static async Task<string> ExpectErrorAsync(HttpResponseMessage response, HttpStatusCode status, ErrorShape shape)
    {
        if (shape == ErrorShape.Risk)
        {
            return string.Join('\n', await response.HasErrorBodyAsync(status));
        }

        var body = await CrossTenantFixture.BodyAsync(response, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        if (shape == ErrorShape.Ravelin)
        {
            Assert.Equal((int)status, body.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        }
        else if (shape == ErrorShape.Lithic)
        {
            Assert.Equal(["message"], body.EnumerateObject().Select(property => property.Name));
            Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
            Assert.NotEmpty(body.GetProperty("errors").EnumerateArray());
        }

        return body.GetRawText();
    }
}
