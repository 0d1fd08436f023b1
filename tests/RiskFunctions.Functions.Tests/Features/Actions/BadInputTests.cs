using System.Net;
using System.Text.Json.Nodes;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>Every kind of bad trigger-action request answers 400 naming the field, and stores nothing at all.</summary>
[Collection(FunctionAppCollection.Name)]
public sealed class BadInputTests(FunctionAppFixture app)
{
    private readonly AppTables _tables = new(app);

    private async Task AssertRejectedAsync(string body, HttpStatusCode status, string expected, string contentType = "application/json")
    {
        var tenant = TestTenant.Create();
        var content = JsonText(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        var response = await app.ClientFor(tenant).PostAsync("/risk/v1/action/trigger-action?get_recommendation=true", content);

        await AssertErrorAsync(response, status, expected);
        Assert.Empty(await _tables.SnapshotAsync(tenant));
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
    [InlineData("{\"action_type\":\"login\",\"claimed_user_id\":\"a\",\"claimed_user_id_type\":\"EMAIL\"}", "claimed_user_id_type: must be one of")]
    [InlineData("{\"action_type\":\"login\",\"claimed_user_id\":\"a\",\"claimed_user_id_type\":\"\"}", "claimed_user_id_type: must be one of")]
    [InlineData("{\"action_type\":\"login\",\"claimed_user_id\":\"a\",\"claimed_user_id_type\":7}", "claimed_user_id_type: must be one of")]
    public async Task Trigger_UnknownEnumValues_Is400(string body, string expected) =>
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, expected);

    [Theory]
    [InlineData(0, "transaction_data.amount: must be greater than 0 and at most 999999999.99")]
    [InlineData(-5, "transaction_data.amount: must be greater than 0 and at most 999999999.99")]
    [InlineData(1000000000, "transaction_data.amount: must be greater than 0 and at most 999999999.99")]
    [InlineData(999999999.991, "transaction_data.amount: must be greater than 0 and at most 999999999.99")]
    public async Task Trigger_AmountOutOfRange_Is400(double amount, string expected) =>
        await AssertRejectedAsync(With(a => a["transaction_data"] = new JsonObject { ["amount"] = amount }), HttpStatusCode.BadRequest, expected);

    [Fact]
    public async Task Trigger_AmountAtTheMaximum_IsAccepted()
    {
        var (response, _) = await TriggerAsync(app.ClientFor(TestTenant.Create()), JsonNode.Parse(With(a => a["transaction_data"] = new JsonObject { ["amount"] = 999999999.99 }))!.AsObject());

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

        await AssertRejectedAsync(body, HttpStatusCode.RequestEntityTooLarge, "body: exceeds the limit of 65536 bytes");
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
        var client = app.ClientFor(TestTenant.Create());
        var (response, body) = await TriggerAsync(client, JsonNode.Parse(With(a => { a["user_id"] = id; a["context"]!["device_id"] = id; a["correlation_id"] = id; }))!.AsObject());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await RecommendationAsync(client, body["action_token"]!.GetValue<string>());
        Assert.Equal(id, stored["context"]!["user_id"]!.GetValue<string>());
        Assert.Equal(id, stored["context"]!["device_id"]!.GetValue<string>());
        Assert.Equal(id, stored["context"]!["correlation_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"action_type\":\"transaction\",\"transaction_data\":{\"amount\":1e400}}", "transaction_data.amount: is out of range")]
    [InlineData("{\"action_type\":\"transaction\",\"transaction_data\":{\"transactionDate\":1712594340.5}}", "transaction_data.transactionDate: must be a whole number in range")]
    [InlineData("{\"action_type\":\"transaction\",\"transaction_data\":{\"transactionDate\":\"1712594340\"}}", "transaction_data.transactionDate: must be a whole number in range")]
    [InlineData("{\"action_type\":\"transaction\",\"transaction_data\":{\"transactionDate\":1e30}}", "transaction_data.transactionDate: must be a whole number in range")]
    public async Task Trigger_AmountOrDateOfTheWrongType_Is400(string body, string expected) =>
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, expected);

    [Theory]
    [InlineData(1712594340L)]
    [InlineData(1712594340000L)]
    public async Task Trigger_TransactionDateInSecondsOrMilliseconds_IsAcceptedAndEchoed(long date)
    {
        var (response, body) = await TriggerAsync(app.ClientFor(TestTenant.Create()), JsonNode.Parse(With(a => a["transaction_data"] = new JsonObject { ["amount"] = 0.01, ["transactionDate"] = date }))!.AsObject());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(date, body["recommendation"]!["transaction_data"]!["transactionDate"]!.GetValue<long>());
        Assert.Equal(0.01, body["recommendation"]!["transaction_data"]!["amount"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("verification_session_id", "\\u0007")]
    [InlineData("session_token", "\\r\\n")]
    [InlineData("user_id", "\u007f")]
    [InlineData("correlation_id", "\u0085")]
    public async Task Trigger_TopLevelIdWithControlCharacter_Is400(string field, string escaped) =>
        await AssertRejectedAsync(
            "{\"action_type\":\"login\",\"" + field + "\":\"id" + escaped + "x\"}",
            HttpStatusCode.BadRequest,
            field + ": must not contain control characters");

    [Theory]
    [InlineData("device_id")]
    [InlineData("device_fingerprint")]
    [InlineData("device_public_key")]
    [InlineData("user_agent")]
    public async Task Trigger_ContextValueWithControlCharacter_Is400(string field) =>
        await AssertRejectedAsync(With(a => a["context"]![field] = "value\u001b[31m"), HttpStatusCode.BadRequest, "context." + field + ": must not contain control characters");

    [Theory]
    [InlineData("correlation_id", "correlation_id: must be at most 256 characters")]
    [InlineData("claimed_user_id", "claimed_user_id: must be at most 256 characters")]
    [InlineData("session_token", "session_token: must be at most 512 characters")]
    [InlineData("action_type", "action_type: must be at most 64 characters")]
    public async Task Trigger_TenKilobyteTopLevelValue_Is400(string field, string expected) =>
        await AssertRejectedAsync(With(a => a[field] = new string('x', 10_000)), HttpStatusCode.BadRequest, expected);

    [Theory]
    [InlineData("device_fingerprint", "context.device_fingerprint: must be at most 512 characters")]
    [InlineData("device_public_key", "context.device_public_key: must be at most 512 characters")]
    [InlineData("user_agent", "context.user_agent: must be at most 1024 characters")]
    [InlineData("ip", "context.ip: must be an IPv4 address in dotted-quad form or an IPv6 address")]
    public async Task Trigger_TenKilobyteContextValue_Is400(string field, string expected) =>
        await AssertRejectedAsync(With(a => a["context"]![field] = new string('1', 10_000)), HttpStatusCode.BadRequest, expected);

    [Fact]
    public async Task Trigger_EveryProblemIsListed_AndNothingIsStored()
    {
        var body = With(a =>
        {
            a["user_id"] = "a\u0000";
            a["correlation_id"] = new string('c', 10_000);
            a["context"]!["ip"] = "300.1.1.1";
            a["transaction_data"] = new JsonObject { ["amount"] = 0, ["currency"] = "usd" };
        });

        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, "user_id: must not contain control characters");
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, "correlation_id: must be at most 256 characters");
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, "context.ip: must be an IPv4 address");
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, "transaction_data.amount: must be greater than 0");
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, "transaction_data.currency: must be an ISO 4217 currency code");
    }

    [Fact]
    public async Task Trigger_DeeplyNestedCustomAttribute_Is400()
    {
        var body = "{\"action_type\":\"login\",\"custom_attributes\":{\"deep\":" + new string('[', 5_000) + new string(']', 5_000) + "}}";

        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, "body: must not nest deeper than");
    }

    [Fact]
    public async Task Trigger_OversizedBodyWithoutContentLength_Is413()
    {
        var tenant = TestTenant.Create();
        var padding = new string('x', 200_000);
        var content = new StreamContent(new UnknownLengthStream(System.Text.Encoding.UTF8.GetBytes("{\"action_type\":\"login\",\"correlation_id\":\"" + padding + "\"}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await app.ClientFor(tenant).PostAsync("/risk/v1/action/trigger-action", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("body: exceeds the limit of 65536 bytes", Strings((await BodyAsync(response))["message"]));
        Assert.Empty(await _tables.SnapshotAsync(tenant));
    }

    [Theory]
    [InlineData("\"double\" quotes")]
    [InlineData("pipe|separated|tenant")]
    [InlineData("percent%27%2F%00encoded")]
    [InlineData("ünïcødé ✓ 🙂")]
    [InlineData(" leading and trailing ")]
    public async Task Trigger_MoreHostileIds_AreStoredSafelyAndRoundTrip(string id) =>
        await Trigger_PrintableHostileIds_AreStoredSafelyAndRoundTrip(id);

    [Fact]
    public async Task Trigger_InvalidUtf8InAnId_Is400()
    {
        var tenant = TestTenant.Create();
        byte[] body = [.. "{\"action_type\":\"login\",\"user_id\":\"a"u8, 0xC3, 0x28, 0xFF, .. "\"}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await app.ClientFor(tenant).PostAsync("/risk/v1/action/trigger-action", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Strings((await BodyAsync(response))["message"]), m => m == "user_id: must be valid Unicode text (UTF-8, no unpaired surrogate escapes)");
        Assert.Empty(await _tables.SnapshotAsync(tenant));
    }

    [Theory]
    [InlineData("user_id")]
    [InlineData("correlation_id")]
    public async Task Trigger_LoneSurrogateEscapeInAnId_Is400(string field) =>
        await AssertRejectedAsync("{\"action_type\":\"login\",\"" + field + "\":\"a\\ud800b\"}", HttpStatusCode.BadRequest, field + ": must be valid Unicode text (UTF-8, no unpaired surrogate escapes)");

    /// <summary>A body stream that does not tell its length, so the request goes out chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
