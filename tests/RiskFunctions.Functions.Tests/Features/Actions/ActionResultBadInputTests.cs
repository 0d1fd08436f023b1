using System.Net;
using System.Text.Json.Nodes;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// Every kind of bad action-result request answers 4xx naming the field and leaves the stored action, its
/// recommendation and the user's profile exactly as they were.
/// </summary>
[Collection(FunctionAppCollection.Name)]
public sealed class ActionResultBadInputTests(FunctionAppFixture app)
{
    private const string TokenPlaceholder = "$TOKEN";

    private readonly AppTables _tables = new(app);

    /// <summary>
    /// Sends <paramref name="body"/> (with <c>$TOKEN</c> replaced by a real action's token) and asserts the answer
    /// and that no row of the tenant changed.
    /// </summary>
    private async Task AssertRejectedAsync(string body, HttpStatusCode status, string expected, string contentType = "application/json")
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant);
        var (_, triggered) = await TriggerAsync(client, Login());
        var token = triggered["action_token"]!.GetValue<string>();
        var recommendationBefore = (await RecommendationAsync(client, token)).ToJsonString();
        var rowsBefore = await _tables.SnapshotAsync(tenant);
        var content = JsonText(body.Replace(TokenPlaceholder, token, StringComparison.Ordinal));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        var response = await client.PostAsync("/risk/v1/action/result", content);

        await AssertErrorAsync(response, status, expected);
        Assert.Equal(rowsBefore, await _tables.SnapshotAsync(tenant));
        Assert.Equal(recommendationBefore, (await RecommendationAsync(client, token)).ToJsonString());
    }

    [Theory]
    [InlineData("{\"action_token\":\"$TOKEN\",\"result\":\"success\"", "body: is not valid JSON")]
    [InlineData("action_token=$TOKEN&result=success", "body: is not valid JSON (line 1, position")]
    [InlineData("[\"$TOKEN\"]", "body: must be a JSON object with the documented fields")]
    [InlineData("null", "body: must be a JSON object, not null")]
    [InlineData("", "body: is required: a JSON object")]
    [InlineData("{\"action_token\":\"$TOKEN\",\"action_token\":\"$TOKEN\",\"result\":\"success\"}", "action_token: must not appear more than once")]
    public async Task Result_MalformedJson_Is400(string body, string expected) =>
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, expected);

    [Theory]
    [InlineData("{\"action_token\":42,\"result\":\"success\"}", "action_token: must be a string")]
    [InlineData("{\"action_token\":[\"$TOKEN\"],\"result\":\"success\"}", "action_token: must be a string")]
    [InlineData("{\"action_token\":\"$TOKEN\",\"result\":true}", "result: must be one of success, failure, incomplete")]
    [InlineData("{\"action_token\":\"$TOKEN\",\"result\":\"success\",\"user_id\":7}", "user_id: must be a string")]
    [InlineData("{\"action_token\":\"$TOKEN\",\"result\":\"success\",\"challenge_type\":{}}", "challenge_type: must be one of")]
    public async Task Result_WrongTypes_Is400(string body, string expected) =>
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, expected);

    [Theory]
    [InlineData("{\"action_token\":\"$TOKEN\",\"result\":\"SUCCESS\"}", "result: must be one of success, failure, incomplete")]
    [InlineData("{\"action_token\":\"$TOKEN\",\"result\":\"\"}", "result: must be one of success, failure, incomplete")]
    [InlineData("{\"action_token\":\"$TOKEN\",\"result\":\"success\",\"challenge_type\":\"SMS_OTP\"}", "challenge_type: must be one of")]
    public async Task Result_UnknownEnumValues_Is400(string body, string expected) =>
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, expected);

    [Theory]
    [InlineData("' or PartitionKey ne '")]
    [InlineData("\\\"quoted\\\"")]
    [InlineData("../../actions/x")]
    [InlineData("$TOKEN#")]
    [InlineData("$TOKEN?x=1")]
    [InlineData("$TOKEN\\u0000")]
    [InlineData("$TOKEN\\n")]
    [InlineData("$TOKEN/")]
    public async Task Result_HostileActionToken_Is400(string token) =>
        await AssertRejectedAsync(
            "{\"action_token\":\"" + token + "\",\"result\":\"success\"}",
            HttpStatusCode.BadRequest,
            "action_token: must be the action_token returned by trigger-action (64 lower-case hex digits)");

    [Fact]
    public async Task Result_TenKilobyteActionToken_Is400() =>
        await AssertRejectedAsync(
            "{\"action_token\":\"" + new string('a', 10_000) + "\",\"result\":\"success\"}",
            HttpStatusCode.BadRequest,
            "action_token: must be the action_token returned by trigger-action");

    [Theory]
    [InlineData("a\\u0000b", "user_id: must not contain control characters")]
    [InlineData("a\\u001bb", "user_id: must not contain control characters")]
    [InlineData("   ", "user_id: must not be empty")]
    [InlineData("bob", "user_id: does not match the user_id the action was reported with")]
    public async Task Result_BadUserId_Is400(string userId, string expected) =>
        await AssertRejectedAsync("{\"action_token\":\"$TOKEN\",\"result\":\"success\",\"user_id\":\"" + userId + "\"}", HttpStatusCode.BadRequest, expected);

    [Fact]
    public async Task Result_TenKilobyteUserId_Is400() =>
        await AssertRejectedAsync(
            "{\"action_token\":\"$TOKEN\",\"result\":\"success\",\"user_id\":\"" + new string('u', 10_000) + "\"}",
            HttpStatusCode.BadRequest,
            "user_id: must be at most 256 characters");

    [Fact]
    public async Task Result_OversizedBody_Is413()
    {
        var body = new JsonObject { ["action_token"] = TokenPlaceholder, ["result"] = "success", ["pad"] = new string('x', 70_000) }.ToJsonString();

        await AssertRejectedAsync(body, HttpStatusCode.RequestEntityTooLarge, "body: exceeds the limit of 65536 bytes");
    }

    [Fact]
    public async Task Result_NotJsonContentType_Is415() =>
        await AssertRejectedAsync("{\"action_token\":\"$TOKEN\",\"result\":\"success\"}", HttpStatusCode.UnsupportedMediaType, "content-type: must be application/json", "application/x-www-form-urlencoded");
}
