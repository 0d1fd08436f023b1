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

    /// <summary>
    /// 1,000 new actions, each of a user whose fingerprint one earlier user shares: the new users' identifiers come from
    /// recording their edges, so the run reads what the 1,000 earlier users used, each once, sixteen at a time, and
    /// nothing it already has.
    /// </summary>
    [Fact]
    public async Task ProcessAsync_ThousandsOfLinkedUsers_ReadsEachOtherUserOnceAndAtMostSixteenAtATime()
    {
        var actions = Enumerable.Range(0, 1000).Select(i => new ActivityRecord
        {
            ActionToken = "token-" + i,
            ActionType = "login",
            OccurredAt = At,
            UserId = "user-" + i,
            DeviceId = "device-" + i,
            DeviceFingerprint = "fingerprint-" + i,
        }).ToList();
        var newEdges = actions.SelectMany(RingEdges.Of).ToList();
        var usersOf = newEdges.GroupBy(edge => edge.Entity).ToDictionary(
            group => group.Key,
            group => (IReadOnlyList<RingEdge>)(group.Key.Kind == LinkKind.DeviceFingerprint ? [.. group, group.First() with { UserId = "earlier-" + group.First().UserId }] : [.. group]));
        var entitiesOf = newEdges.GroupBy(edge => edge.UserId, StringComparer.Ordinal).ToDictionary(group => group.Key, group => (IReadOnlyList<RingEdge>)[.. group], StringComparer.Ordinal);
        var graph = new Mock<RingGraph>();
        graph.Setup(g => g.RecordAsync("t-reads", It.IsAny<IReadOnlyCollection<RingEdge>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RingGraphUpdate(usersOf, entitiesOf, NewUsers: 1000));
        var (inFlight, most) = (0, 0);
        var read = new List<string>();
        graph.Setup(g => g.EntitiesOfAsync("t-reads", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(async (string _, string user, CancellationToken _) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                lock (read)
                {
                    most = Math.Max(most, now);
                    read.Add(user);
                }

                await Task.Delay(1);
                Interlocked.Decrement(ref inFlight);
                return (IReadOnlyList<RingEdge>)[new RingEdge(user, new LinkEntity(LinkKind.DeviceFingerprint, "fingerprint-" + user["earlier-user-".Length..]), At)];
            });
        var rings = new Mock<FraudRingRepository>();
        rings.Setup(repository => repository.AddUsersAsync("t-reads", 1000, It.IsAny<CancellationToken>())).ReturnsAsync(100_000);
        rings.Setup(repository => repository.GetMembershipsAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, RingMembership>());
        var maintenance = new RingMaintenance(graph.Object, rings.Object, Mock.Of<ActionIndexRepository>(), Options.Create(new RingsOptions()));

        await maintenance.ProcessAsync("t-reads", actions, CancellationToken.None);

        Assert.Equal(1000, read.Count);
        Assert.All(read, user => Assert.StartsWith("earlier-", user, StringComparison.Ordinal));
        Assert.Equal(1000, read.Distinct().Count());
        Assert.InRange(most, 1, 16);
        graph.Verify(g => g.UsersOfAsync(It.IsAny<string>(), It.IsAny<LinkEntity>(), It.IsAny<CancellationToken>()), Times.Never());
        rings.Verify(repository => repository.AddUsersAsync("t-reads", 1000, It.IsAny<CancellationToken>()), Times.Once());
    }
}
