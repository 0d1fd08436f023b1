using System.Net;
using System.Text;

namespace RiskFunctions.Handler.Tests.Errors;

public sealed class ApiErrorsTests : IAsyncLifetime
{
    private ErrorProbeApp _app = null!;

    public async Task InitializeAsync() => _app = await ErrorProbeApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Body_MalformedJson_Returns400AboutTheBody()
    {
        var response = await PostJsonAsync("not json");

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.StartsWith("body: ", Assert.Single(messages));
    }

    [Fact]
    public async Task Body_WrongTypeInNestedField_Returns400NamingTheFieldPath()
    {
        var response = await PostJsonAsync("""{"priority": 1, "name": "a", "subject": {"type": "x", "amount": "ten"}}""");

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("subject.amount: must be a number", Assert.Single(messages));
    }

    [Fact]
    public async Task Body_StringWhereNumberExpected_Returns400WithoutClrTypeNames()
    {
        var response = await PostJsonAsync("""{"priority": "high", "name": "a"}""");

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("priority: must be a whole number in range", Assert.Single(messages));
        Assert.DoesNotContain("System.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_ArrayWhereObjectExpected_Returns400SayingWhatTheBodyMustBe()
    {
        var response = await PostJsonAsync("""[1, 2]""");

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("body: must be a JSON object with the documented fields", Assert.Single(messages));
    }

    [Fact]
    public async Task Body_Empty_Returns400SayingBodyIsRequired()
    {
        var response = await PostJsonAsync(string.Empty);

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("body: is required", Assert.Single(messages));
    }

    [Fact]
    public async Task Body_NotJsonContentType_Returns415()
    {
        using var content = new StringContent("""{"priority": 1, "name": "a"}""", Encoding.UTF8, "text/plain");
        var response = await _app.Client.PostAsync(new Uri("/probe/body", UriKind.Relative), content);

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("content-type: must be application/json", Assert.Single(messages));
    }

    [Fact]
    public async Task Query_UnparsableValue_Returns400NamingTheWireName()
    {
        var response = await _app.Client.GetAsync(new Uri("/probe/query?page_size=abc", UriKind.Relative));

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("page_size: 'abc' is not a valid value", Assert.Single(messages));
    }

    [Fact]
    public async Task Query_MissingRequiredValue_Returns400NamingTheWireName()
    {
        var response = await _app.Client.GetAsync(new Uri("/probe/required", UriKind.Relative));

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("action_token: is required", Assert.Single(messages));
    }

    [Fact]
    public async Task UnhandledException_Returns500WithoutInternals()
    {
        var response = await _app.Client.GetAsync(new Uri("/probe/throw", UriKind.Relative));

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.InternalServerError);

        Assert.StartsWith("internal: an unexpected error occurred", Assert.Single(messages));
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("AccountKey", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_Returns404Body()
    {
        var response = await _app.Client.GetAsync(new Uri("/nowhere", UriKind.Relative));

        await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongMethod_Returns405BodyListingAllowedMethods()
    {
        var response = await _app.Client.DeleteAsync(new Uri("/probe/required", UriKind.Relative));

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.MethodNotAllowed);

        Assert.Equal("method: DELETE is not allowed here; allowed: GET", Assert.Single(messages));
    }

    [Fact]
    public async Task ApiErrorResult_FromEndpoint_WritesStatusAndMessage()
    {
        var response = await _app.Client.GetAsync(new Uri("/probe/conflict", UriKind.Relative));

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.Conflict);

        Assert.Equal("priority: is already used by rule r1", Assert.Single(messages));
    }

    [Fact]
    public async Task DialectEndpoint_BindingFailure_UsesTheEndpointsErrorFormat()
    {
        using var content = new StringContent("""{"priority": "high", "name": "a"}""", Encoding.UTF8, "application/json");

        var response = await _app.Client.PostAsync(new Uri("/probe/vendor", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"status":400,"errors":[{"field":"priority","error":"must be a whole number in range"}]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DialectEndpoint_UnhandledException_UsesTheEndpointsErrorFormat()
    {
        var failure = await _app.Client.GetAsync(new Uri("/probe/vendor/throw", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, failure.StatusCode);
        Assert.StartsWith("""{"status":500,"errors":[{"field":"internal",""", await failure.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string json)
    {
        var content = new StringContent(json, Encoding.UTF8, "application/json");
        return _app.Client.PostAsync(new Uri("/probe/body", UriKind.Relative), content);
    }
}
