using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Http;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Rules;

/// <summary>
/// Optimistic concurrency on rules through the local host and the real worker: a rule's answers carry its ETag, and
/// <c>If-Match</c> on PUT and DELETE refuses (412) a change to a rule that changed since.
/// </summary>
[Collection(FunctionAppCollection.Name)]
public sealed class RulesConditionalApiTests(FunctionAppFixture app)
{
    private const string Route = "/risk/v1/recommendation/rules";

    private static StringContent Rule(int priority, string name = "edited") => new(
        "{\"name\":\"" + name + "\",\"priority\":" + priority.ToString(CultureInfo.InvariantCulture)
        + ",\"matcher\":{\"user_ids\":[\"u1\"]},\"recommendation\":\"DENY\",\"enabled\":true,\"mode\":\"PRODUCTION\"}",
        Encoding.UTF8,
        "application/json");

    private static string ETagOf(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues("ETag"));

    private static async Task<string> CreateAsync(HttpClient client, int priority = 10)
    {
        using var response = await client.PostAsync(Route, Rule(priority));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["rule_id"]!.GetValue<string>();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string id, string? ifMatch, int priority = 20)
    {
        using var request = new HttpRequestMessage(method, $"{Route}/{id}") { Content = method == HttpMethod.Put ? Rule(priority) : null };
        if (ifMatch is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("If-Match", ifMatch));
        }

        return await client.SendAsync(request);
    }

    private static async Task<int> PriorityAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"{Route}/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["priority"]!.GetValue<int>();
    }

    private static async Task<string> ETagAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"{Route}/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ETagOf(response);
    }

    private static async Task UpdatedAsync(HttpClient client, string id, int priority)
    {
        using var response = await SendAsync(client, HttpMethod.Put, id, ifMatch: null, priority);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CreateGetAndUpdate_AnswerTheRulesRevisionAsETag()
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var created = await client.PostAsync(Route, Rule(10));
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["rule_id"]!.GetValue<string>();
        var read = await ETagAsync(client, id);
        using var updated = await SendAsync(client, HttpMethod.Put, id, ifMatch: null);
        using var unchanged = await SendAsync(client, HttpMethod.Put, id, ifMatch: null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", ETagOf(created));
        Assert.Equal("\"1\"", read);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"2\"", ETagOf(updated));
        Assert.Equal("\"2\"", ETagOf(unchanged));
        Assert.Equal("\"2\"", await ETagAsync(client, id));
    }

    [Fact]
    public async Task Update_StaleIfMatch_Returns412NamingTheCurrentETagAndChangesNothing()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client);
        await UpdatedAsync(client, id, priority: 30);

        using var stale = await SendAsync(client, HttpMethod.Put, id, "\"1\"", priority: 40);

        Assert.Equal(
            ["if-match: the rule has changed since the ETag given; nothing was changed; its current ETag is \"2\""],
            await stale.HasErrorBodyAsync(HttpStatusCode.PreconditionFailed));
        Assert.Equal(30, await PriorityAsync(client, id));
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("\"7\", \"1\"")]
    [InlineData("*")]
    public async Task Update_IfMatchNamingTheCurrentRevisionOrStar_Returns200WithTheNewETag(string ifMatch)
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client);

        using var response = await SendAsync(client, HttpMethod.Put, id, ifMatch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", ETagOf(response));
        Assert.Equal(20, await PriorityAsync(client, id));
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"01\"")]
    [InlineData("\"not-ours\"")]
    public async Task Update_IfMatchWeakOrNeverIssued_Returns412(string ifMatch)
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client);

        using var response = await SendAsync(client, HttpMethod.Put, id, ifMatch);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(10, await PriorityAsync(client, id));
    }

    [Theory]
    [InlineData("\"2\"")]
    [InlineData("*")]
    public async Task Delete_StaleIfMatch_Returns412AndTheRuleStaysThenTheCurrentETagOrStarDeletes(string current)
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client);
        await UpdatedAsync(client, id, priority: 30);

        using var stale = await SendAsync(client, HttpMethod.Delete, id, "\"1\"");

        Assert.Equal(
            ["if-match: the rule has changed since the ETag given; nothing was changed; its current ETag is \"2\""],
            await stale.HasErrorBodyAsync(HttpStatusCode.PreconditionFailed));
        Assert.Equal(30, await PriorityAsync(client, id));
        using var deleted = await SendAsync(client, HttpMethod.Delete, id, current);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var gone = await client.GetAsync($"{Route}/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("abc")]
    [InlineData("\"1")]
    [InlineData("W/1")]
    [InlineData("*, \"1\"")]
    [InlineData("\"1\" \"2\"")]
    [InlineData(",")]
    public async Task UpdateAndDelete_MalformedIfMatch_Return400AndChangeNothing(string ifMatch)
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client);

        using var update = await SendAsync(client, HttpMethod.Put, id, ifMatch);
        using var delete = await SendAsync(client, HttpMethod.Delete, id, ifMatch);

        foreach (var response in new[] { update, delete })
        {
            var message = Assert.Single(await response.HasErrorBodyAsync(HttpStatusCode.BadRequest));
            Assert.StartsWith("if-match: must be * or a list of entity tags", message, StringComparison.Ordinal);
        }

        Assert.Equal(10, await PriorityAsync(client, id));
    }

    /// <summary>A malformed rule id, a malformed If-Match and a bad body are one answer listing the three, not three round trips.</summary>
    [Fact]
    public async Task UpdateAndDelete_BadIdIfMatchAndBody_OneAnswerListsEveryProblem()
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var update = await SendAsync(client, HttpMethod.Put, "NOT-A-RULE", "1", priority: 0);
        using var delete = await SendAsync(client, HttpMethod.Delete, "NOT-A-RULE", "1");

        var updateProblems = await update.HasErrorBodyAsync(HttpStatusCode.BadRequest);
        Assert.Equal(3, updateProblems.Count);
        Assert.Contains(updateProblems, message => message.StartsWith("rule_id: ", StringComparison.Ordinal));
        Assert.Contains(updateProblems, message => message.StartsWith("if-match: ", StringComparison.Ordinal));
        Assert.Contains(updateProblems, message => message.StartsWith("priority: ", StringComparison.Ordinal));
        var deleteProblems = await delete.HasErrorBodyAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["rule_id: ", "if-match: "], deleteProblems.Select(message => message[..(message.IndexOf(' ', StringComparison.Ordinal) + 1)]));
    }

    [Fact]
    public async Task UpdateAndDelete_WithoutIfMatch_LastWriterWinsAsBefore()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client);
        await UpdatedAsync(client, id, priority: 30);

        using var update = await SendAsync(client, HttpMethod.Put, id, ifMatch: null, priority: 40);

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("\"3\"", ETagOf(update));
        Assert.Equal(40, await PriorityAsync(client, id));
        using var delete = await SendAsync(client, HttpMethod.Delete, id, ifMatch: null);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("\"5\"")]
    [InlineData("*")]
    public async Task UpdateAndDelete_OtherTenantsRuleWithIfMatch_Return404NotPreconditionFailed(string ifMatch)
    {
        using var owner = app.ClientFor(TestTenant.Create());
        using var stranger = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(owner);

        using var update = await SendAsync(stranger, HttpMethod.Put, id, ifMatch);
        using var delete = await SendAsync(stranger, HttpMethod.Delete, id, ifMatch);

        Assert.Equal(["rule_id: no such rule"], await update.HasErrorBodyAsync(HttpStatusCode.NotFound));
        Assert.Equal(["rule_id: no such rule"], await delete.HasErrorBodyAsync(HttpStatusCode.NotFound));
        Assert.Equal(10, await PriorityAsync(owner, id));
        Assert.Equal("\"1\"", await ETagAsync(owner, id));
    }
}
