using System.Net;
using System.Text.Json.Nodes;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Handler.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Handler.Tests.Features.Actions;

/// <summary>Every kind of bad trigger-action request answers 400 naming the field, and stores nothing at all.</summary>
public sealed class BadInputTests(ActionsAppFixture fixture) : IClassFixture<ActionsAppFixture>
{
    private ActionsTestApp App => fixture.App;

    private async Task AssertRejectedAsync(string body, HttpStatusCode status, string expected, string contentType = "application/json")
    {
        var tenant = TestTenant.Create();
        var content = JsonText(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        var response = await App.ClientFor(tenant).PostAsync("/risk/v1/action/trigger-action?get_recommendation=true", content);

        var answer = await BodyAsync(response);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal((int)status, answer["error_code"]!.GetValue<int>());
        Assert.Contains(Strings(answer["message"]), message => message.StartsWith(expected, StringComparison.Ordinal));
        foreach (var table in new[] { ActionTables.ActionsTableName, ActionTables.ActionIndexTableName, ActionTables.LinksTableName, ProfileTables.ProfilesTableName })
        {
            Assert.Equal(0, await App.CountRowsAsync(table, tenant));
        }
    }

    private static string With(Action<JsonObject> change)
    {
        var action = Login();
        change(action);
        return action.ToJsonString();
    }

    [Theory]
    [InlineData("{\"action_type\":\"login\"", "body: is not valid JSON")]
    [InlineData("not json", "body: is not valid JSON (line 1, position")]
    [InlineData("[1,2]", "body: must be a JSON object with the documented fields")]
    [InlineData("null", "body: must be a JSON object, not null")]
    [InlineData("", "body: is required: a JSON object")]
    public async Task Trigger_MalformedJson_Is400(string body, string expected) =>
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, expected);

    [Theory]
    [InlineData("{\"action_type\":42}", "action_type: must be a string")]
    [InlineData("{\"action_type\":\"login\",\"context\":\"x\"}", "context: must be an object")]
    [InlineData("{\"action_type\":\"login\",\"transaction_data\":{\"amount\":\"12\"}}", "transaction_data.amount: must be a number")]
    [InlineData("{\"action_type\":\"login\",\"risk_signals\":{\"network\":{\"tor\":\"yes\"}}}", "risk_signals.network.tor: must be true or false")]
    [InlineData("{\"action_type\":\"login\",\"context\":{\"device_languages\":\"en\"}}", "context.device_languages: must be an array")]
    public async Task Trigger_WrongTypes_Is400(string body, string expected) =>
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, expected);

    [Theory]
    [InlineData("{\"action_type\":\"login\",\"claimed_user_id\":\"a\",\"claimed_user_id_type\":\"shoe_size\"}", "claimed_user_id_type: must be one of")]
    [InlineData("{\"action_type\":\"transaction\",\"transaction_data\":{\"type\":\"gift\"}}", "transaction_data.type: must be one of")]
    [InlineData("{\"action_type\":\"transaction\",\"transaction_data\":{\"method\":\"cash\"}}", "transaction_data.method: must be one of")]
    [InlineData("{\"action_type\":\"transaction\",\"transaction_data\":{\"avs\":{\"matchLevel\":\"FULL\"}}}", "transaction_data.avs.matchLevel: must be one of")]
    public async Task Trigger_UnknownEnumValues_Is400(string body, string expected)
    {
        var tenant = TestTenant.Create();
        var response = await App.ClientFor(tenant).PostAsync("/risk/v1/action/trigger-action", JsonText(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Strings((await BodyAsync(response))["message"]), m => m.StartsWith(expected, StringComparison.Ordinal));
        Assert.Equal(0, await App.CountRowsAsync(ActionTables.ActionsTableName, tenant));
    }

    [Theory]
    [InlineData(0, "transaction_data.amount: must be greater than 0 and at most 999999999.99")]
    [InlineData(-5, "transaction_data.amount: must be greater than 0 and at most 999999999.99")]
    [InlineData(1000000000, "transaction_data.amount: must be greater than 0 and at most 999999999.99")]
    public async Task Trigger_AmountOutOfRange_Is400(double amount, string expected) =>
        await AssertRejectedAsync(With(a => a["transaction_data"] = new JsonObject { ["amount"] = amount }), HttpStatusCode.BadRequest, expected);

    [Fact]
    public async Task Trigger_AmountAtTheMaximum_IsAccepted()
    {
        var (response, _) = await TriggerAsync(App.ClientFor(TestTenant.Create()), JsonNode.Parse(With(a => a["transaction_data"] = new JsonObject { ["amount"] = 999999999.99 }))!.AsObject());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("currency", "usd", "transaction_data.currency: must be an ISO 4217 currency code in upper case, e.g. USD")]
    [InlineData("currency", "XYZ", "transaction_data.currency: must be an ISO 4217 currency code in upper case, e.g. USD")]
    [InlineData("channelId", "", "transaction_data.channelId: must be between 1 and 100 characters")]
    public async Task Trigger_InvalidTransactionText_Is400(string field, string value, string expected) =>
        await AssertRejectedAsync(With(a => a["transaction_data"] = new JsonObject { [field] = value }), HttpStatusCode.BadRequest, expected);

    [Fact]
    public async Task Trigger_InvalidCountryAndCard_AreAllListed()
    {
        var body = With(a => a["transaction_data"] = new JsonObject
        {
            ["payer"] = new JsonObject { ["accountCountryCode"] = "ZZ", ["card"] = new JsonObject { ["bin"] = "12ab56", ["last4"] = "123" } },
        });

        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, "transaction_data.payer.accountCountryCode: must be an ISO 3166-1 alpha-2 country code in upper case, e.g. US");
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, "transaction_data.payer.card.bin: must contain digits only");
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, "transaction_data.payer.card.last4: must be exactly 4 characters");
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(253402300800000L)]
    public async Task Trigger_TransactionDateOutOfRange_Is400(long date) =>
        await AssertRejectedAsync(With(a => a["transaction_data"] = new JsonObject { ["transactionDate"] = date }), HttpStatusCode.BadRequest, "transaction_data.transactionDate: must be between 0 and 253402300799999");

    [Theory]
    [InlineData("user_id")]
    [InlineData("correlation_id")]
    [InlineData("claimed_user_id")]
    public async Task Trigger_IdWithControlCharacters_Is400(string field) =>
        await AssertRejectedAsync(With(a => a[field] = "abc\u0000def\n"), HttpStatusCode.BadRequest, field + ": must not contain control characters");

    [Theory]
    [InlineData("user_id", "user_id: must be at most 256 characters")]
    [InlineData("verification_session_id", "verification_session_id: must be at most 256 characters")]
    public async Task Trigger_TenKilobyteId_Is400(string field, string expected) =>
        await AssertRejectedAsync(With(a => a[field] = new string('x', 10_000)), HttpStatusCode.BadRequest, expected);

    [Fact]
    public async Task Trigger_TenKilobyteDeviceId_Is400() =>
        await AssertRejectedAsync(With(a => a["context"]!["device_id"] = new string('d', 10_000)), HttpStatusCode.BadRequest, "context.device_id: must be at most 512 characters");

    [Theory]
    [InlineData("10.0.0")]
    [InlineData("010.1.1.1")]
    [InlineData("not-an-ip")]
    [InlineData("1.2.3.4/24")]
    public async Task Trigger_InvalidIp_Is400(string ip) =>
        await AssertRejectedAsync(With(a => a["context"]!["ip"] = ip), HttpStatusCode.BadRequest, "context.ip: must be an IPv4 address in dotted-quad form or an IPv6 address");

    [Theory]
    [InlineData("log in", "action_type: must be a predefined action type or a custom name of letters, digits, _ . : or -")]
    [InlineData("", "action_type: is required")]
    public async Task Trigger_InvalidActionType_Is400(string type, string expected) =>
        await AssertRejectedAsync(With(a => a["action_type"] = type), HttpStatusCode.BadRequest, expected);

    [Fact]
    public async Task Trigger_ClaimedTypeWithoutClaimedUser_Is400() =>
        await AssertRejectedAsync(With(a => a["claimed_user_id_type"] = "email"), HttpStatusCode.BadRequest, "claimed_user_id_type: is only allowed together with claimed_user_id");

    [Fact]
    public async Task Trigger_RatioOutOfRange_Is400() =>
        await AssertRejectedAsync(
            With(a => a["risk_signals"] = new JsonObject { ["behavior"] = new JsonObject { ["straight_line_ratio"] = 1.5 } }),
            HttpStatusCode.BadRequest,
            "risk_signals.behavior.straight_line_ratio: must be between 0 and 1");

    [Fact]
    public async Task Trigger_DuplicateKeys_Is400() =>
        await AssertRejectedAsync("{\"action_type\":\"login\",\"action_type\":\"register\"}", HttpStatusCode.BadRequest, "action_type: must not appear more than once");

    [Fact]
    public async Task Trigger_OversizedBody_Is413()
    {
        var body = With(a => a["custom_attributes"] = new JsonObject { ["pad"] = new string('x', 70_000) });

        await AssertRejectedAsync(body, HttpStatusCode.RequestEntityTooLarge, "body: must be at most 65536 bytes");
    }

    [Fact]
    public async Task Trigger_NotJsonContentType_Is415() =>
        await AssertRejectedAsync(Login().ToJsonString(), HttpStatusCode.UnsupportedMediaType, "content-type: must be application/json", "text/plain");

    [Theory]
    [InlineData("o'brien")]
    [InlineData("a/b\\c")]
    [InlineData("#hash?query")]
    public async Task Trigger_PrintableHostileIds_AreStoredSafelyAndRoundTrip(string id)
    {
        var client = App.ClientFor(TestTenant.Create());
        var (response, body) = await TriggerAsync(client, JsonNode.Parse(With(a => { a["user_id"] = id; a["context"]!["device_id"] = id; a["correlation_id"] = id; }))!.AsObject());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await RecommendationAsync(client, body["action_token"]!.GetValue<string>());
        Assert.Equal(id, stored["context"]!["user_id"]!.GetValue<string>());
        Assert.Equal(id, stored["context"]!["device_id"]!.GetValue<string>());
        Assert.Equal(id, stored["context"]!["correlation_id"]!.GetValue<string>());
    }
}
