using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Functions.Features.Enrichment;
using RiskFunctions.Functions.Features.Idempotency;
using RiskFunctions.Functions.Features.Rules;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Security;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// The action services as the worker composes them (enrichment on the sample IP data, rules, actions), on a manual
/// clock and on tables of their own in the shared real Azurite, with the action endpoints called as the functions
/// call them. For what needs time to pass (days of history, velocity windows, a retry seconds later): the worker's
/// clock is the system's and cannot be moved.
/// </summary>
public sealed class ClockedActionServices : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private IHost? _host;

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The services are not composed yet.");

    public RiskTables Tables => Services.GetRequiredService<RiskTables>();

    public ActionRepository Actions => Services.GetRequiredService<ActionRepository>();

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = await _azurite.ConnectionStringWithBlobsAsync(),
            ["Storage:ModelContainer"] = _azurite.ModelContainer,
            ["Storage:TablePrefix"] = _azurite.TablePrefix,
            ["Storage:CallTimeout"] = AzuriteFixture.TestCallTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["IpIntelligence:UseSampleData"] = "true",
        });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddEnrichment(builder.Configuration);
        builder.Services.AddRules();
        builder.Services.AddActions();

        // Composed, not started: no background work runs; the tables are created here instead of by the initializer.
        _host = builder.Build();
        await Services.GetRequiredService<RiskTables>().EnsureCreatedAsync(StorageTables.All);
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        await _azurite.DisposeAsync();
    }

    /// <summary>trigger-action with <c>get_recommendation=true</c> for <paramref name="tenant"/> at <see cref="Time"/>, through the idempotency filter when a key is given.</summary>
    public Task<EndpointAnswer> TriggerAsync(TestTenant tenant, JsonObject action, string? idempotencyKey = null)
    {
        var http = NewContext(tenant, "/risk/v1/action/trigger-action", "?get_recommendation=true", action.ToJsonString(), idempotencyKey);
        var recorder = Services.GetRequiredService<ActionRecorder>();
        return RunAsync(http, TriggerActionEndpoint.Operation, idempotencyKey, () => TriggerActionEndpoint.HandleAsync(http, recorder, Time));
    }

    /// <summary>action/result for <paramref name="tenant"/> at <see cref="Time"/>.</summary>
    public Task<EndpointAnswer> ResultAsync(TestTenant tenant, string actionToken, string result = "success")
    {
        var http = NewContext(tenant, "/risk/v1/action/result", string.Empty, ActionCalls.ResultBody(actionToken, result).ToJsonString(), idempotencyKey: null);
        var recorder = Services.GetRequiredService<ActionResultRecorder>();
        return RunAsync(http, ActionResultEndpoint.Operation, idempotencyKey: null, () => ActionResultEndpoint.HandleAsync(http, recorder, Time));
    }

    /// <summary>GET /recommendation with <paramref name="query"/> for <paramref name="tenant"/>.</summary>
    public Task<EndpointAnswer> RecommendationAsync(TestTenant tenant, string query)
    {
        var http = NewContext(tenant, "/risk/v1/recommendation", query, json: null, idempotencyKey: null);
        http.Request.Method = HttpMethods.Get;
        return RunAsync(http, operation: string.Empty, idempotencyKey: null, () => RecommendationEndpoint.HandleAsync(http, Actions));
    }

    private static async Task<EndpointAnswer> RunAsync(HttpContext http, string operation, string? idempotencyKey, Func<Task<IResult>> endpoint)
    {
        var result = idempotencyKey is null
            ? await endpoint()
            : await new IdempotencyFilter(operation).InvokeAsync(new DefaultEndpointFilterInvocationContext(http), async _ => await endpoint());
        await ((IResult)result!).ExecuteAsync(http);
        var body = Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
        return new EndpointAnswer(http.Response.StatusCode, ActionCalls.Parse(body), http.Response.Headers);
    }

    private HttpContext NewContext(TestTenant tenant, string path, string query, string? json, string? idempotencyKey)
    {
        var body = json is null ? [] : Encoding.UTF8.GetBytes(json);
        var http = new DefaultHttpContext { RequestServices = Services };
        http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(RiskClaims.TenantId, tenant.Id), new Claim(RiskClaims.ClientId, "clocked-client")], "test"));
        http.Request.Method = HttpMethods.Post;
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query);
        if (json is not null)
        {
            http.Request.ContentType = "application/json";
            http.Request.ContentLength = body.Length;
        }

        http.Request.Body = new MemoryStream(body);
        http.Response.Body = new MemoryStream();
        if (idempotencyKey is not null)
        {
            http.Request.Headers[IdempotencyFilter.HeaderName] = idempotencyKey;
        }

        return http;
    }
}

/// <summary>What an endpoint answered: status, JSON body and headers.</summary>
public sealed record EndpointAnswer(int Status, JsonObject Body, IHeaderDictionary Headers);
