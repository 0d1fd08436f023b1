using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RiskFunctions.Functions.Tests.Features.Actions;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;
using static RiskFunctions.Functions.Tests.Features.Import.ImportCalls;

namespace RiskFunctions.Functions.Tests.Features.Import;

/// <summary>
/// Bad import batches: each is refused whole with a message naming the line and the field, and nothing of the
/// batch is stored, not even its valid lines before the bad one.
/// </summary>
[Collection(FunctionAppCollection.Name)]
public sealed class ImportBadInputTests(FunctionAppFixture app)
{
    private readonly AppTables _tables = new(app);

    // Fixed per test (xunit makes an instance per test), so that lines computed from it keep their order.
    private DateTimeOffset Past { get; } = DateTimeOffset.UtcNow.AddDays(-2);

    private string Valid(string reference = "ok-1") => ActionLine(reference, Past, Login()).ToJsonString();

    public static TheoryData<string, string> Batches => new()
    {
        { "malformed JSON", "VALID\n{\"type\":\"action\",\"ref\":" },
        { "invalid IP", "VALID\n" + """{"type":"action","ref":"b","occurred_at":PAST,"action":{"action_type":"login","context":{"ip":"999.1.1.1"}}}""" },
        { "out of order", """{"type":"action","ref":"late","occurred_at":PAST,"action":{"action_type":"login"}}""" + "\n" + """{"type":"action","ref":"early","occurred_at":EARLIER,"action":{"action_type":"login"}}""" },
        { "future time", "VALID\n" + """{"type":"action","ref":"f","occurred_at":FUTURE,"action":{"action_type":"login"}}""" },
        { "result before its action", """{"type":"result","ref":"x","occurred_at":PAST,"result":{"result":"success"}}""" + "\nVALIDX" },
        { "duplicate action ref", "VALID\nVALID" },
        { "duplicate label ref", "VALID\n" + """{"type":"label","ref":"l-1","occurred_at":PAST,"label":{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"u"}}}""" + "\n" + """{"type":"label","ref":"l-1","occurred_at":PAST,"label":{"label_type":"CONFIRMED_LEGIT","subject":{"type":"USER_ID","value":"u"}}}""" },
        { "result for another user", "VALID\n" + """{"type":"result","ref":"ok-1","occurred_at":PAST,"result":{"result":"success","user_id":"someone-else"}}""" },
        { "label of an unknown action", "VALID\n" + """{"type":"label","action_ref":"nowhere","occurred_at":PAST,"label":{"label_type":"CONFIRMED_FRAUD","subject":{"type":"ACTION_ID"}}}""" },
        { "label without label_type", "VALID\n" + """{"type":"label","occurred_at":PAST,"label":{"subject":{"type":"USER_ID","value":"u"}}}""" },
        { "misspelt occurred_at", "VALID\n" + """{"type":"action","ref":"m","occured_at":PAST,"action":{"action_type":"login"}}""" },
        { "missing type", "VALID\n" + """{"ref":"t","occurred_at":PAST,"action":{"action_type":"login"}}""" },
        { "payload of another type", "VALID\n" + """{"type":"result","ref":"ok-1","occurred_at":PAST,"action":{"action_type":"login"}}""" },
        { "ref with a control character", "VALID\n" + """{"type":"action","ref":"a\u0001b","occurred_at":PAST,"action":{"action_type":"login"}}""" },
        { "ref of 10 KB", "VALID\n" + """{"type":"action","ref":"LONGREF","occurred_at":PAST,"action":{"action_type":"login"}}""" },
        { "result carrying an action_token", "VALID\n" + """{"type":"result","ref":"ok-1","occurred_at":PAST,"result":{"result":"success","action_token":"0000000000000000000000000000000000000000000000000000000000000000"}}""" },
        { "not an object", "VALID\n[1,2]" },
    };

    public static TheoryData<string, string> Expected => new()
    {
        { "malformed JSON", "lines[2]" },
        { "invalid IP", "lines[2].action.context.ip: must be an IPv4 address in dotted-quad form or an IPv6 address" },
        { "out of order", "lines[2].occurred_at: must not be earlier than line 1's: lines must be in the order they happened" },
        { "future time", "lines[2].occurred_at: must be Unix epoch milliseconds between 2000-01-01 and now" },
        { "result before its action", "lines[1].ref: names no imported action: its action line must come first, in this batch or an earlier one" },
        { "duplicate action ref", "lines[2].ref: is already the ref of line 1's action: each action needs its own ref" },
        { "duplicate label ref", "lines[3].ref: is already the ref of line 2's label: each label needs its own ref" },
        { "result for another user", "lines[2].result.user_id: does not match the user_id of line 1's action (or of an earlier result for it)" },
        { "label of an unknown action", "lines[2].action_ref: names no imported action: its action line must come first, in this batch or an earlier one" },
        { "label without label_type", "lines[2].label.label_type: is required" },
        { "misspelt occurred_at", "lines[2]" },
        { "missing type", "lines[2].type: is required" },
        { "payload of another type", "lines[2].action: is not allowed on a result line" },
        { "ref with a control character", "lines[2].ref: must be 1 to 256 characters without control characters" },
        { "ref of 10 KB", "lines[2].ref: must be 1 to 256 characters without control characters" },
        { "result carrying an action_token", "lines[2].result.action_token: is not used on import: ref names the imported action" },
        { "not an object", "lines[2]" },
    };

    [Theory]
    [MemberData(nameof(Batches))]
    public async Task Import_BadBatch_Returns400NamingTheLineAndStoresNothing(string name, string template)
    {
        var tenant = TestTenant.Create();
        var body = template
            .Replace("VALIDX", ActionLine("x", Past.AddMinutes(1), Login()).ToJsonString(), StringComparison.Ordinal)
            .Replace("VALID", Valid(), StringComparison.Ordinal)
            .Replace("EARLIER", Past.AddMinutes(-1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("FUTURE", DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("PAST", Past.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("LONGREF", new string('r', 10 * 1024), StringComparison.Ordinal);

        var (response, error) = await ImportTextAsync(app.ClientFor(tenant, RiskScopes.Import), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, error["error_code"]!.GetValue<int>());
        var expected = ((IEnumerable<object[]>)Expected).Single(row => (string)row[0] == name)[1].ToString()!;
        Assert.Contains(Messages(error), message => message.StartsWith(expected, StringComparison.Ordinal));
        await AssertNothingStoredAsync(tenant);
    }

    [Fact]
    public async Task Import_SeveralBadLines_ListsEveryProblem()
    {
        var tenant = TestTenant.Create();
        var past = Past.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (response, error) = await ImportTextAsync(
            app.ClientFor(tenant, RiskScopes.Import),
            ("""{"type":"action","ref":"a","occurred_at":PAST,"action":{"action_type":"login","user_id":"bad\u0000id"}}""" + "\n\n"
            + """{"type":"label","occurred_at":PAST,"label":{"label_type":"CONFIRMED_FRAUD","subject":{"type":"IP_ADDRESS","value":"nope"}}}""").Replace("PAST", past, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["lines[1].action.user_id: must not contain control characters", "lines[3].label.subject.value: must be an IPv4 or IPv6 address when subject.type is IP_ADDRESS"],
            Messages(error));
        await AssertNothingStoredAsync(tenant);
    }

    [Fact]
    public async Task Import_TwoResultsBindingAnActionOfAnEarlierBatchToDifferentUsers_Returns400NamingTheSecondAndStoresNothingOfTheBatch()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant, RiskScopes.Import);
        var (_, earlier) = await ImportAsync(client, ActionLine("anon", Past, Login(user: null)));

        var (response, error) = await ImportAsync(
            client,
            ActionLine("other", Past.AddMinutes(1), Login(user: "olga", device: "device-olga")),
            ResultLine("anon", Past.AddMinutes(2), userId: "erin"),
            ResultLine("anon", Past.AddMinutes(3), userId: "frank"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["lines[3].result.user_id: does not match the user_id of line 2's result for the action"], Messages(error));
        var stored = await _tables.Actions.GetAsync(tenant.Id, Token(earlier, 0));
        Assert.Null(stored!.BoundUserId);
        Assert.Null(stored.Result);
        Assert.Equal(1, await _tables.CountRowsAsync(ActionTables.ActionsTableName, tenant));
    }

    [Fact]
    public async Task Import_EmptyBody_Returns400()
    {
        var (response, error) = await ImportTextAsync(app.ClientFor(TestTenant.Create(), RiskScopes.Import), "\n \n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body: must contain at least one line (one JSON object per line)"], Messages(error));
    }

    [Fact]
    public async Task Import_MoreLinesThanABatchMayHave_Returns400AndStoresNothing()
    {
        var tenant = TestTenant.Create();
        var lines = Enumerable.Range(0, 5001).Select(i => ActionLine("n-" + i, Past, new JsonObject { ["action_type"] = "login" }).ToJsonString());

        var (response, error) = await ImportTextAsync(app.ClientFor(tenant, RiskScopes.Import), string.Join('\n', lines));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body: must not have more than 5000 lines; send larger histories in several requests"], Messages(error));
        await AssertNothingStoredAsync(tenant);
    }

    [Fact]
    public async Task Import_LineLongerThan64KiB_Returns413NamingTheLine()
    {
        var tenant = TestTenant.Create();
        var action = Login();
        action["context"]!["user_agent"] = new string('x', 70 * 1024);

        var (response, error) = await ImportTextAsync(app.ClientFor(tenant, RiskScopes.Import), Valid() + "\n" + ActionLine("long", Past, action).ToJsonString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(["lines[2]: must be at most 65536 bytes"], Messages(error));
        await AssertNothingStoredAsync(tenant);
    }

    [Fact]
    public async Task Import_BodyOver8MiB_Returns413()
    {
        var tenant = TestTenant.Create();
        var line = Valid();
        var body = string.Join('\n', Enumerable.Repeat(line, (8 * 1024 * 1024 / line.Length) + 10));

        var (response, error) = await ImportTextAsync(app.ClientFor(tenant, RiskScopes.Import), body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // The worker's body limit (BodyLimitMiddleware) answers before the endpoint reads: the one 413 message.
        Assert.Equal(["body: exceeds the limit of 8388608 bytes"], Messages(error));
        await AssertNothingStoredAsync(tenant);
    }

    [Fact]
    public async Task Import_NotNdjson_Returns415()
    {
        var tenant = TestTenant.Create();
        using var content = new StringContent(Valid(), Encoding.UTF8, "text/csv");

        var response = await app.ClientFor(tenant, RiskScopes.Import).PostAsync(Route, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(["content-type: must be application/x-ndjson (one JSON object per line)"], Messages(await BodyAsync(response)));
        await AssertNothingStoredAsync(tenant);
    }

    private async Task AssertNothingStoredAsync(TestTenant tenant)
    {
        string[] tables = [ActionTables.ActionsTableName, ActionTables.ActionIndexTableName, ActionTables.LinksTableName, ProfileTables.ProfilesTableName, LabelTables.LabelsTableName];

        // The worker creates its tables at start-up, in the background: make sure they exist before counting.
        await _tables.Tables.EnsureCreatedAsync(tables);
        foreach (var table in tables)
        {
            Assert.Equal(0, await _tables.CountRowsAsync(table, tenant));
        }
    }
}
