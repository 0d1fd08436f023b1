using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Handler.Features.Actions;
using RiskFunctions.Testing.Security;
using Xunit.Abstractions;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// The storage round trips on trigger-action's critical path (<see cref="ActionRecorder"/>
/// over real Azurite): how many requests, and how many of them have to wait for another
/// (<see cref="StorageRoundTrips"/>). Independent requests must go out together.
/// </summary>
public sealed class StorageRoundTripTests(ActionServicesFixture fixture, ITestOutputHelper output) : IClassFixture<ActionServicesFixture>
{
    // Long enough that a wave's requests, issued synchronously one after another, are never split on a busy machine.
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(400);

    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Record_NewUser_ReadsInOneWaveThenWritesIndexAndLinksInOneWaveThenTheAction()
    {
        var tenant = TestTenant.Create().Id;
        await RecordAsync(tenant, Login("warm-up", "warm-up"));

        var waves = await RecordWavesAsync(() => RecordAsync(tenant, Login("new-user", "new-device")));

        Assert.Equal(3, waves.Count);
        Assert.Equal(
            [
                "GET actionindex query", "GET actionindex query", "GET actionindex query", "GET links query", "GET links query",
                "GET profiles query",
                "GET reputation point read", "GET reputation point read", "GET reputation point read", "GET reputation point read",
            ],
            waves[0]);
        Assert.Equal(
            ["PUT actionindex upsert", "PUT actionindex upsert", "PUT actionindex upsert", "PUT actionindex upsert", "PUT links upsert", "PUT links upsert"],
            waves[1]);
        Assert.Equal(["POST actions insert"], waves[2]);
    }

    [Fact]
    public async Task Record_ReturningUser_AddsOnePopulationWaveAfterTheProfile()
    {
        var tenant = TestTenant.Create().Id;
        await RecordAsync(tenant, Login("warm-up", "warm-up"));
        var first = NewToken();
        await RecordAsync(tenant, Login("returning", "device"), first);
        Assert.Equal(
            ActionResultStatus.Recorded,
            (await fixture.ResultRecorder.RecordAsync(tenant, first, new ActionResultRequest { ActionToken = first, Result = ResultType.Success }, Now, default)).Status);

        var waves = await RecordWavesAsync(() => RecordAsync(tenant, Login("returning", "device")));

        Assert.Equal(4, waves.Count);
        Assert.Contains("GET profiles query", waves[0]);
        Assert.Equal(10, waves[0].Count);
        Assert.NotEmpty(waves[1]);
        Assert.All(waves[1], request => Assert.Equal("GET population query", request));
        Assert.Equal(6, waves[2].Count);
        Assert.Equal(["POST actions insert"], waves[3]);
    }

    /// <summary>A login with IP, user agent, device id and fingerprint (4 index subjects with the user).</summary>
    private static TriggerActionRequest Login(string user, string device) => new()
    {
        ActionType = "login",
        UserId = user,
        Context = new TriggerActionContext
        {
            Ip = "81.2.69.142",
            UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            DeviceId = device,
            DeviceFingerprint = "fp-" + device,
        },
    };

    private static string NewToken() => System.Security.Cryptography.RandomNumberGenerator.GetHexString(64, lowercase: true);

    private Task RecordAsync(string tenant, TriggerActionRequest request, string? token = null) =>
        fixture.Recorder.RecordAsync(tenant, "client", request, token ?? NewToken(), Now, tokenIsDerived: false, default);

    private async Task<IReadOnlyList<IReadOnlyList<string>>> RecordWavesAsync(Func<Task> call)
    {
        var waves = await fixture.StorageRoundTrips.RecordAsync(call, QuietPeriod);
        for (var i = 0; i < waves.Count; i++)
        {
            output.WriteLine($"wave {i + 1}: {string.Join(", ", waves[i])}");
        }

        return waves;
    }
}
