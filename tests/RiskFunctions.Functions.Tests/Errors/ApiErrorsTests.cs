using System.Net;
using System.Text;
using Azure.Data.Tables;
using RiskFunctions.Functions.Tests.Security.CrossTenant;
using RiskFunctions.Storage;
using RiskFunctions.Storage.FraudReports;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Errors;

/// <summary>
/// The error bodies the worker's <c>ErrorsMiddleware</c> and the functions give, through the local host: unreadable
/// bodies and values named by their wire names, conflicts, and unexpected failures (rows the code cannot read)
/// that say nothing of the exception, in the risk API's body and in a dialect's.
/// </summary>
[Collection(FunctionAppCollection.Name)]
public sealed class ApiErrorsTests(FunctionAppFixture app)
{
    private const string Rules = "risk/v1/recommendation/rules";

    private readonly TestTenant _tenant = TestTenant.Create();

    private async Task<HttpResponseMessage> PostRuleAsync(string json, string mediaType = "application/json")
    {
        using var client = app.ClientFor(_tenant);
        return await client.PostAsync(new Uri(Rules, UriKind.Relative), new StringContent(json, Encoding.UTF8, mediaType));
    }

    [Fact]
    public async Task Body_MalformedJson_Returns400AboutTheBody()
    {
        using var response = await PostRuleAsync("not json");

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.StartsWith("body: ", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_WrongTypeInNestedField_Returns400NamingTheFieldPath()
    {
        using var response = await PostRuleAsync(TenantEndpoints.RuleBody("nested", 40).Replace("\"user_ids\":[\"u-1\"]", "\"user_ids\":[7]", StringComparison.Ordinal));

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.StartsWith("matcher.user_ids: must be an array of str", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_StringWhereNumberExpected_Returns400WithoutClrTypeNames()
    {
        using var response = await PostRuleAsync(TenantEndpoints.RuleBody("typed", 41).Replace("\"priority\":41", "\"priority\":\"high\"", StringComparison.Ordinal));

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("priority: must be a whole number in range", Assert.Single(messages));
        Assert.DoesNotContain("System.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_ArrayWhereObjectExpected_Returns400SayingWhatTheBodyMustBe()
    {
        using var response = await PostRuleAsync("[1, 2]");

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("body: must be a JSON object with the documented fields", Assert.Single(messages));
    }

    [Fact]
    public async Task Body_Empty_Returns400SayingBodyIsRequired()
    {
        using var response = await PostRuleAsync(string.Empty);

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("body: is required: a JSON object", Assert.Single(messages));
    }

    [Fact]
    public async Task Body_NotJsonContentType_Returns415()
    {
        using var response = await PostRuleAsync(TenantEndpoints.RuleBody("plain", 42), "text/plain");

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("content-type: must be application/json", Assert.Single(messages));
    }

    [Fact]
    public async Task Query_UnparsableValue_Returns400NamingTheWireName()
    {
        using var client = app.ClientFor(_tenant);
        using var response = await client.PostAsync(
            new Uri("risk/v1/action/trigger-action?get_recommendation=abc", UriKind.Relative),
            new StringContent("""{"action_type":"login","user_id":"u-1"}""", Encoding.UTF8, "application/json"));

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("get_recommendation: must be true or false", Assert.Single(messages));
    }

    [Fact]
    public async Task Query_MissingRequiredValue_Returns400NamingTheWireName()
    {
        using var client = app.ClientFor(_tenant);
        using var response = await client.GetAsync(new Uri("risk/v1/recommendation", UriKind.Relative));

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("action_token: is required", Assert.Single(messages));
    }

    [Fact]
    public async Task ApiErrorResult_FromFunction_WritesStatusAndMessage()
    {
        (await PostRuleAsync(TenantEndpoints.RuleBody("first", 43))).Dispose();

        using var response = await PostRuleAsync(TenantEndpoints.RuleBody("second", 43));

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.Conflict);
        Assert.StartsWith("priority: 43 is already used by", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnhandledException_Returns500WithoutInternals()
    {
        // A label row the code cannot read back: the read throws something that is neither a client's nor storage's fault.
        var labelId = Guid.NewGuid().ToString("N");
        await (await TableAsync(LabelTables.LabelsTableName)).UpsertEntityAsync(
            new TableEntity(TableKeyEncoder.Join(_tenant.Id, "label"), labelId) { ["LabelType"] = "NotAType", ["SubjectType"] = "NotAType" });
        using var client = app.ClientFor(_tenant);

        using var response = await client.GetAsync(new Uri("risk/v1/label/" + labelId, UriKind.Relative));

        var messages = await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.InternalServerError);
        Assert.StartsWith("internal: an unexpected error occurred", Assert.Single(messages), StringComparison.Ordinal);
        AssertNothingOfTheException(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DialectFunction_UnhandledException_UsesTheFunctionsErrorFormat()
    {
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        // Keyed as the fraud reports table keys its rows: tenant and the token's first two hex digits, then the token.
        await (await TableAsync(FraudReportTables.FraudReportsTableName)).UpsertEntityAsync(
            new TableEntity(TableKeyEncoder.Join(_tenant.Id, token[..2]), token) { ["FraudStatus"] = "NotAStatus" });
        using var client = app.ClientFor(_tenant);

        using var response = await client.GetAsync(new Uri("lithic/v1/fraud/transactions/" + token, UriKind.Relative));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.InternalServerError, text);
        Assert.False(text.Contains("\"error_code\"", StringComparison.Ordinal), text);
        Assert.Contains("an unexpected error occurred", text, StringComparison.Ordinal);
        AssertNothingOfTheException(text);
    }

    /// <summary>
    /// The app's table, created here if the app has not yet: on a loaded machine its start-up creation can time out
    /// and continue in the background after the app already answers.
    /// </summary>
    private async Task<TableClient> TableAsync(string name)
    {
        var tables = new RiskTables(app.Storage.CreateServiceClient(), app.Storage.TablePrefix);
        await tables.EnsureCreatedAsync([name]);
        return tables.GetTable(name);
    }

    private static void AssertNothingOfTheException(string text)
    {
        Assert.DoesNotContain("NotA", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }
}
