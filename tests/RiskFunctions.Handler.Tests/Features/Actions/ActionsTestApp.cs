using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Idempotency;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Security;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Handler.Tests.Features.Actions;

/// <summary>
/// The real handler composition in memory, with the sample IP data, a controllable clock and its own tables
/// in the shared Azurite.
/// </summary>
internal sealed class ActionsTestApp : WebApplicationFactory<Program>
{
    private readonly AzuriteFixture _azurite;
    private readonly string _tablePrefix;

    public ActionsTestApp(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _tablePrefix = azurite.NewTablePrefix();
    }

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// A client sending <paramref name="tenant"/>'s token with the given scopes (all when none), issued on the app's
    /// manual clock for every request, so tests can move the clock by days and stay authenticated.
    /// </summary>
    public HttpClient ClientFor(TestTenant tenant, params string[] scopes) =>
        CreateDefaultClient(new ClockedTokenHandler(this, tenant, scopes.Length == 0 ? TestTokens.AllScopes : scopes));

    /// <summary>The tables the app writes to, for asserting what was (not) stored.</summary>
    public RiskTables Tables => Services.GetRequiredService<RiskTables>();

    /// <summary>Every row of <paramref name="table"/> whose partition belongs to <paramref name="tenant"/>.</summary>
    public async Task<int> CountRowsAsync(string table, TestTenant tenant)
    {
        var rows = 0;
        var filter = TableFilter.PrefixRange("PartitionKey", TableKeyEncoder.Encode(tenant.Id) + "|");
        await foreach (var _ in Tables.GetTable(table).QueryAsync<TableEntity>(filter, select: ["RowKey"]))
        {
            rows++;
        }

        return rows;
    }

    /// <summary>Every table the action endpoints write to.</summary>
    public static IReadOnlyList<string> ActionStateTables { get; } =
    [
        ActionTables.ActionsTableName,
        ActionTables.ActionIndexTableName,
        ActionTables.LinksTableName,
        ProfileTables.ProfilesTableName,
        ProfileTables.PopulationTableName,
        IdempotencyTables.IdempotencyTableName,
    ];

    /// <summary>
    /// Table, keys and ETag of every row of <paramref name="tenant"/> in <see cref="ActionStateTables"/>, in order:
    /// two equal snapshots mean nothing was added, changed or removed in between.
    /// </summary>
    public async Task<IReadOnlyList<string>> SnapshotAsync(TestTenant tenant)
    {
        var rows = new List<string>();
        var filter = TableFilter.PrefixRange("PartitionKey", TableKeyEncoder.Encode(tenant.Id) + "|");
        foreach (var table in ActionStateTables)
        {
            await foreach (var row in Tables.GetTable(table).QueryAsync<TableEntity>(filter, select: ["RowKey"]))
            {
                rows.Add(string.Join(' ', table, row.PartitionKey, row.RowKey, row.ETag));
            }
        }

        return rows;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:ConnectionString", _azurite.ConnectionString);
        builder.UseSetting("Storage:CallTimeout", AzuriteFixture.TestCallTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Storage:TablePrefix", _tablePrefix);
        builder.UseSetting("IpIntelligence:UseSampleData", "true");
        foreach (var (key, value) in TestTokens.HandlerSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
        });
    }
}

/// <summary>Signs a fresh token at the app's current (manual) time for each request.</summary>
internal sealed class ClockedTokenHandler(ActionsTestApp app, TestTenant tenant, IReadOnlyList<string> scopes) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = TestTokens.Create(new TestTokenDescriptor { TenantId = tenant.Id, Scopes = scopes, IssuedAt = app.Time.GetUtcNow() });
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>One <see cref="ActionsTestApp"/> per test class; tests keep apart by using their own tenants.</summary>
public sealed class ActionsAppFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    internal ActionsTestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        App = new ActionsTestApp(_azurite);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

/// <summary>Request bodies and calls the action tests share.</summary>
internal static class ActionCalls
{
    public const string HomeAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    public const string AwayAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

    public static JsonObject Login(string? user = "alice", string ip = "192.0.2.44", string device = "device-alice", string agent = HomeAgent) => new()
    {
        ["action_type"] = "login",
        ["user_id"] = user,
        ["context"] = new JsonObject
        {
            ["ip"] = ip,
            ["user_agent"] = agent,
            ["device_id"] = device,
            ["device_fingerprint"] = "fp-" + device,
        },
    };

    public static StringContent JsonText(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> TriggerAsync(HttpClient client, JsonObject action, bool withRecommendation = true)
    {
        var response = await client.PostAsync(
            "/risk/v1/action/trigger-action" + (withRecommendation ? "?get_recommendation=true" : string.Empty),
            JsonText(action.ToJsonString()));
        return (response, await BodyAsync(response));
    }

    public static async Task<HttpResponseMessage> ResultAsync(HttpClient client, string actionToken, string result = "success", string? userId = null, string? challenge = null)
    {
        var body = new JsonObject { ["action_token"] = actionToken, ["result"] = result };
        if (userId is not null)
        {
            body["user_id"] = userId;
        }

        if (challenge is not null)
        {
            body["challenge_type"] = challenge;
        }

        return await client.PostAsync("/risk/v1/action/result", JsonText(body.ToJsonString()));
    }

    public static async Task<JsonObject> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> RecommendationAsync(HttpClient client, string actionToken)
    {
        var response = await client.GetAsync("/risk/v1/recommendation?action_token=" + Uri.EscapeDataString(actionToken));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];
    }

    public static string[] Strings(JsonNode? array) => array?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];
}
