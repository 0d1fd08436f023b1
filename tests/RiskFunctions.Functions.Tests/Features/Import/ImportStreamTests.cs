using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;
using static RiskFunctions.Functions.Tests.Features.Import.ImportCalls;

namespace RiskFunctions.Functions.Tests.Features.Import;

/// <summary>
/// The streamed answer of the import (<c>Accept: application/x-ndjson</c>) through the local host and the real worker:
/// progress lines, then the result of every line in line order, then the count; a batch that fails its checks is still
/// the ordinary 400 error body.
/// </summary>
[Collection(FunctionAppCollection.Name)]
public sealed class ImportStreamTests(FunctionAppFixture app)
{
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Import_AcceptNdjson_StreamsProgressThenEveryResultInLineOrderThenTheCount()
    {
        var client = app.ClientFor(TestTenant.Create(), RiskScopes.Import, RiskScopes.RecommendationsRead);
        var lines = ManyUsers(users: 6);

        var (response, stream) = await ImportStreamedAsync(client, lines);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var progress = stream.TakeWhile(line => line.ContainsKey("progress")).Select(line => line["progress"]!).ToList();
        Assert.NotEmpty(progress);
        Assert.Equal(lines.Count, progress[^1]!["done"]!.GetValue<int>());
        Assert.All(progress, p => Assert.Equal(lines.Count, p!["total"]!.GetValue<int>()));
        Assert.True(progress[^1]!["events_per_second"]!.GetValue<double>() > 0);
        var results = stream.Skip(progress.Count).TakeWhile(line => line.ContainsKey("result")).Select(line => line["result"]!.AsObject()).ToList();
        Assert.Equal(Enumerable.Range(1, lines.Count), results.Select(r => r["line"]!.GetValue<int>()));
        Assert.Equal(lines.Count, stream[^1]["imported"]!.GetValue<int>());
        Assert.Equal(progress.Count + results.Count + 1, stream.Count);
    }

    [Fact]
    public async Task Import_StreamedThenPostedAgainAsJson_AnswersTheSameResults()
    {
        var client = app.ClientFor(TestTenant.Create(), RiskScopes.Import, RiskScopes.RecommendationsRead);
        var lines = ManyUsers(users: 4);

        var (_, stream) = await ImportStreamedAsync(client, lines);
        var (response, body) = await ImportAsync(client, [.. lines]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var streamed = stream.Where(line => line.ContainsKey("result")).Select(line => line["result"]!.ToJsonString());
        Assert.Equal(streamed, body["results"]!.AsArray().Select(r => r!.ToJsonString()));
    }

    [Fact]
    public async Task Import_ManyUsersInParallel_CountsEverySuccessInThePopulationOnce()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant, RiskScopes.Import);
        var lines = ManyUsers(users: 12);

        await ImportAsync(client, [.. lines]);
        await ImportAsync(client, [.. lines]);

        // Every action succeeded once: the tenant's action total counts each once, also after the batch came twice.
        var tables = new Actions.AppTables(app).Tables;
        var population = new PopulationRepository(tables, new PopulationCache(TimeProvider.System));
        var profile = await new ProfileRepository(tables).GetAsync(tenant.Id, "user-0");
        var counts = await population.ReadAsync(tenant.Id, Domain.Scoring.ActionFeatures.FromKeys([]), profile);
        Assert.Equal(lines.Count / 2, counts.TotalActions);
        Assert.Equal(12, counts.TotalUsers);
    }

    [Fact]
    public async Task Import_AcceptNdjsonWithABadLine_Returns400WithTheErrorBodyAndStoresNothing()
    {
        var client = app.ClientFor(TestTenant.Create(), RiskScopes.Import);
        var bad = ResultLine("never-imported", _now.AddDays(-1));

        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = Ndjson([bad]) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal(400, body["error_code"]!.GetValue<int>());
        Assert.StartsWith("lines[1].ref: names no imported action", Messages(body).Single(), StringComparison.Ordinal);
    }

    /// <summary>Per user: two logins a day apart, each with its success, from the user's own device; users interleaved in time.</summary>
    private List<JsonObject> ManyUsers(int users)
    {
        var lines = new List<JsonObject>();
        for (var day = 0; day < 2; day++)
        {
            for (var user = 0; user < users; user++)
            {
                var at = _now.AddDays(-10 + day).AddMinutes(user);
                var reference = $"login-{user}-{day}";
                lines.Add(ActionLine(reference, at, Login(user: $"user-{user}", device: $"device-{user}", ip: $"192.0.2.{user + 1}")));
                lines.Add(ResultLine(reference, at.AddSeconds(2)));
            }
        }

        return lines;
    }

    private static async Task<(HttpResponseMessage Response, List<JsonObject> Lines)> ImportStreamedAsync(HttpClient client, IEnumerable<JsonObject> lines)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = Ndjson(lines) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)]);
    }
}
