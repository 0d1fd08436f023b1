using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Http;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Rules;

/// <summary><c>GET /rules</c> with <c>limit</c> and <c>cursor</c>: walks, the unpaged answer, validation and tenant isolation of cursors.</summary>
[Collection(FunctionAppCollection.Name)]
public sealed class RulesPagingApiTests(FunctionAppFixture app)
{
    private const string Route = "/risk/v1/recommendation/rules";
    private const string LimitProblem = "limit: must be an integer from 1 to 100";
    private const string CursorProblem = "cursor: must be the next_cursor of a previous page";

    private static async Task<string> CreateAsync(HttpClient client, int priority)
    {
        var p = priority.ToString(CultureInfo.InvariantCulture);
        var body = $$"""{"name":"rule {{p}}","priority":{{p}},"matcher":{"user_ids":["u{{p}}"]},"recommendation":"DENY","enabled":true,"mode":"PRODUCTION"}""";
        using var response = await client.PostAsync(Route, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["rule_id"]!.GetValue<string>();
    }

    /// <summary>Creates the rules in the order given and answers their ids by ascending priority.</summary>
    private static async Task<List<string>> CreateAllAsync(HttpClient client, params int[] priorities)
    {
        var ids = new SortedDictionary<int, string>();
        foreach (var priority in priorities)
        {
            ids[priority] = await CreateAsync(client, priority);
        }

        return [.. ids.Values];
    }

    private static async Task<JsonObject> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(Route + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static List<string> Ids(JsonObject page) => [.. page["data"]!.AsArray().Select(rule => rule!["id"]!.GetValue<string>())];

    /// <summary>Follows <c>next_cursor</c> from the first page to the last; answers each page's ids.</summary>
    private static async Task<List<List<string>>> WalkAsync(HttpClient client, int limit)
    {
        var pages = new List<List<string>>();
        string? cursor = null;
        do
        {
            var query = "?limit=" + limit.ToString(CultureInfo.InvariantCulture) + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await ListAsync(client, query);
            pages.Add(Ids(page));
            cursor = page["next_cursor"]?.GetValue<string>();
            Assert.True(pages.Count <= 100, "the walk does not end");
        }
        while (cursor is not null);

        return pages;
    }

    [Fact]
    public async Task List_WithLimit_PagesGiveEveryRuleOnceByPriority()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var byPriority = await CreateAllAsync(client, 50, 3, 1000, 20, 7, 999, 1);

        var pages = await WalkAsync(client, limit: 3);

        Assert.Equal([3, 3, 1], pages.Select(page => page.Count));
        Assert.Equal(byPriority, pages.SelectMany(page => page));
    }

    [Fact]
    public async Task List_LimitDividesTheRules_LastFullPageHasNoCursor()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var byPriority = await CreateAllAsync(client, 4, 2, 3, 1);

        var first = await ListAsync(client, "?limit=2");
        var last = await ListAsync(client, "?limit=2&cursor=" + Uri.EscapeDataString(first["next_cursor"]!.GetValue<string>()));

        Assert.Equal(byPriority[..2], Ids(first));
        Assert.Equal(byPriority[2..], Ids(last));
        Assert.False(last.ContainsKey("next_cursor"), last.ToJsonString());
    }

    [Fact]
    public async Task List_WithoutPaging_AnswersEveryRuleAndNoCursor()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var byPriority = await CreateAllAsync(client, Enumerable.Range(1, 120).Reverse().ToArray());

        var all = await ListAsync(client, "");
        var withUnknownParameter = await ListAsync(client, "?page_size=5");

        Assert.Equal(byPriority, Ids(all));
        Assert.False(all.ContainsKey("next_cursor"), "an unpaged answer has no cursor");
        Assert.Equal(byPriority, Ids(withUnknownParameter));
    }

    [Fact]
    public async Task List_CursorWithoutLimit_AnswersAPageOfTheMaximumSize()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var byPriority = await CreateAllAsync(client, Enumerable.Range(1, 102).ToArray());
        var first = await ListAsync(client, "?limit=1");

        var rest = await ListAsync(client, "?cursor=" + Uri.EscapeDataString(first["next_cursor"]!.GetValue<string>()));

        Assert.Equal(byPriority[1..101], Ids(rest));
        Assert.NotNull(rest["next_cursor"]);
    }

    [Theory]
    [InlineData("?limit=0", new[] { LimitProblem })]
    [InlineData("?limit=101", new[] { LimitProblem })]
    [InlineData("?limit=abc", new[] { LimitProblem })]
    [InlineData("?limit=%2B5", new[] { LimitProblem })]
    [InlineData("?limit=1&limit=2", new[] { LimitProblem })]
    [InlineData("?cursor=", new[] { CursorProblem })]
    [InlineData("?limit=5&cursor=x", new[] { CursorProblem })]
    [InlineData("?cursor=0000", new[] { CursorProblem })]
    [InlineData("?cursor=1001", new[] { CursorProblem })]
    [InlineData("?cursor=42", new[] { CursorProblem })]
    [InlineData("?cursor=0001&cursor=0002", new[] { CursorProblem })]
    [InlineData("?limit=-1&cursor=rule%7C0001", new[] { LimitProblem, CursorProblem })]
    public async Task List_MalformedPaging_Returns400NamingEachParameter(string query, string[] problems)
    {
        using var client = app.ClientFor(TestTenant.Create());
        await CreateAsync(client, 1);

        using var response = await client.GetAsync(Route + query);

        Assert.Equal(problems, await response.HasErrorBodyAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task List_CursorOfAnotherTenant_AnswersOnlyTheCallersRules()
    {
        using var owner = app.ClientFor(TestTenant.Create());
        var owners = await CreateAllAsync(owner, 1, 2, 3);
        var ownerCursor = (await ListAsync(owner, "?limit=1"))["next_cursor"]!.GetValue<string>();
        using var stranger = app.ClientFor(TestTenant.Create());
        var strangers = await CreateAllAsync(stranger, 1, 2, 5);

        var page = await ListAsync(stranger, "?limit=10&cursor=" + Uri.EscapeDataString(ownerCursor));

        Assert.Equal(strangers[1..], Ids(page));
        Assert.Empty(Ids(page).Intersect(owners));
    }
}
