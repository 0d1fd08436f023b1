using Microsoft.Extensions.Options;
using Moq;
using RiskFunctions.Domain.Activity;
using RiskFunctions.Domain.FraudRings;
using RiskFunctions.Functions.Features.Rings;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.FraudRings;

namespace RiskFunctions.Functions.Tests.Features.Rings;

/// <summary>How a maintenance run reads the neighbourhood of many new actions (the storage is a seam here).</summary>
public sealed class RingMaintenanceReadTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ProcessAsync_ThousandsOfNewIdentifiers_ReadsEachOnceAndAtMostSixteenAtATime()
    {
        var rings = new Mock<FraudRingRepository>();
        rings.Setup(repository => repository.CountUsersAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(100_000);
        rings.Setup(repository => repository.GetMembershipsAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, RingMembership>());
        var (inFlight, most) = (0, 0);
        var read = new List<LinkEntity>();
        rings.Setup(repository => repository.UsersOfAsync(It.IsAny<string>(), It.IsAny<LinkEntity>(), It.IsAny<CancellationToken>()))
            .Returns(async (string _, LinkEntity entity, CancellationToken _) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                lock (read)
                {
                    most = Math.Max(most, now);
                    read.Add(entity);
                }

                await Task.Delay(1);
                Interlocked.Decrement(ref inFlight);
                return (IReadOnlyList<RingEdge>)[];
            });
        var maintenance = new RingMaintenance(rings.Object, Mock.Of<ActionIndexRepository>(), Options.Create(new RingsOptions()));
        var actions = Enumerable.Range(0, 1000).Select(i => new ActivityRecord
        {
            ActionToken = "token-" + i,
            ActionType = "login",
            OccurredAt = At,
            UserId = "user-" + i,
            DeviceId = "device-" + i,
            DeviceFingerprint = "fingerprint-" + (i % 10),
        }).ToList();

        await maintenance.ProcessAsync("t-reads", actions, CancellationToken.None);

        Assert.Equal(1010, read.Count);
        Assert.Equal(1010, read.Distinct().Count());
        Assert.InRange(most, 1, 16);
    }
}
