using System.Net;
using RiskFunctions.Testing.Security;
using Xunit.Abstractions;
using static RiskFunctions.Handler.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Handler.Tests.Features.Actions;

/// <summary>
/// The storage round trips on the critical path of the action endpoints: how many requests, and how many of them
/// have to wait for another (<see cref="StorageRoundTrips"/>). Independent requests must go out together.
/// </summary>
public sealed class StorageRoundTripTests(ActionsAppFixture fixture, ITestOutputHelper output) : IClassFixture<ActionsAppFixture>
{
    // Long enough that a wave's requests, issued synchronously one after another, are never split on a busy machine.
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(400);

    private ActionsTestApp App => fixture.App;

    [Fact]
    public async Task Trigger_NewUser_ReadsInOneWaveThenWritesIndexAndLinksInOneWaveThenTheAction()
    {
        var client = App.ClientFor(TestTenant.Create());
        await WarmUpAsync(client);

        var waves = await RecordAsync(() => TriggerAsync(client, Login(user: "new-user", device: "new-device")));

        Assert.Equal(3, waves.Count);
        Assert.Equal(
            [
                "GET actionindex query", "GET actionindex query", "GET actionindex query", "GET links query", "GET links query",
                "GET profiles query",
                "GET reputation point read", "GET reputation point read", "GET reputation point read", "GET reputation point read",
            ],
            waves[0]);
        Assert.Equal(
            ["PUT actionindex upsert", "PUT actionindex upsert", "PUT actionindex upsert", "PUT actionindex upsert", "PUT activity upsert", "PUT links upsert", "PUT links upsert"],
            waves[1]);
        Assert.Equal(["POST actions insert"], waves[2]);
    }

    [Fact]
    public async Task Trigger_ReturningUser_AddsOnePopulationWaveAfterTheProfile()
    {
        var tenant = TestTenant.Create();
        var client = App.ClientFor(tenant);
        await WarmUpAsync(client);
        var (_, first) = await TriggerAsync(client, Login(user: "returning"));
        Assert.Equal(HttpStatusCode.Created, (await ResultAsync(client, first["action_token"]!.GetValue<string>())).StatusCode);

        var waves = await RecordAsync(() => TriggerAsync(client, Login(user: "returning")));

        Assert.Equal(4, waves.Count);
        Assert.Contains("GET profiles query", waves[0]);
        Assert.Equal(10, waves[0].Count);
        Assert.NotEmpty(waves[1]);
        Assert.All(waves[1], request => Assert.Equal("GET population query", request));
        Assert.Equal(7, waves[2].Count);
        Assert.Equal(["POST actions insert"], waves[3]);
    }

    [Fact]
    public async Task GetRecommendation_IsOnePointRead()
    {
        var client = App.ClientFor(TestTenant.Create());
        var (_, body) = await TriggerAsync(client, Login());
        var token = body["action_token"]!.GetValue<string>();

        var waves = await RecordAsync(() => RecommendationAsync(client, token));

        Assert.Equal([["GET actions point read"]], waves);
    }

    /// <summary>One action of the tenant, so that per-tenant caches (rules) are loaded before recording.</summary>
    private static async Task WarmUpAsync(HttpClient client) =>
        Assert.Equal(HttpStatusCode.Created, (await TriggerAsync(client, Login(user: "warm-up", device: "warm-up"))).Response.StatusCode);

    private async Task<IReadOnlyList<IReadOnlyList<string>>> RecordAsync(Func<Task> call)
    {
        var waves = await App.StorageRoundTrips.RecordAsync(call, QuietPeriod);
        for (var i = 0; i < waves.Count; i++)
        {
            output.WriteLine($"wave {i + 1}: {string.Join(", ", waves[i])}");
        }

        return waves;
    }
}
