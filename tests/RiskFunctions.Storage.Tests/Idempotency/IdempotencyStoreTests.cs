using System.Text;
using RiskFunctions.Storage.Idempotency;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Idempotency;

public sealed class IdempotencyStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IdempotentResponse Created = new(201, "application/json", Encoding.UTF8.GetBytes("{\"action_token\":\"t\"}"));
    private IdempotencyStore _store = null!;

    public async Task InitializeAsync() => _store = new IdempotencyStore(await RiskTablesFixture.CreateAsync(azurite));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Claim_AfterCompletion_ReplaysTheStoredAnswer()
    {
        var first = await _store.ClaimAsync("t", "op", "k1", "hash", At);
        await _store.CompleteAsync(first, "hash", Created, At);

        var second = await _store.ClaimAsync("t", "op", "k1", "hash", At.AddMinutes(1));

        Assert.Equal(IdempotencyOutcome.Acquired, first.Outcome);
        Assert.Equal(IdempotencyOutcome.Replay, second.Outcome);
        Assert.Equal(201, second.Response!.StatusCode);
        Assert.Equal("application/json", second.Response.ContentType);
        Assert.Equal(Created.Body.ToArray(), second.Response.Body.ToArray());
    }

    [Fact]
    public async Task Claim_DifferentRequestUnderSameKey_IsReportedAsReuse()
    {
        var first = await _store.ClaimAsync("t", "op", "k2", "hash-a", At);
        await _store.CompleteAsync(first, "hash-a", Created, At);

        Assert.Equal(IdempotencyOutcome.KeyReused, (await _store.ClaimAsync("t", "op", "k2", "hash-b", At)).Outcome);
    }

    [Fact]
    public async Task Claim_WhileFirstRequestRuns_IsInProgressUntilTheLeaseExpires()
    {
        await _store.ClaimAsync("t", "op", "k3", "hash", At);

        var during = await _store.ClaimAsync("t", "op", "k3", "hash", At.AddSeconds(5));
        var after = await _store.ClaimAsync("t", "op", "k3", "hash", At + IdempotencyStore.Lease + TimeSpan.FromSeconds(1));

        Assert.Equal(IdempotencyOutcome.InProgress, during.Outcome);
        Assert.Equal(IdempotencyOutcome.Acquired, after.Outcome);
    }

    [Fact]
    public async Task Release_LetsARetryRunAgain()
    {
        var first = await _store.ClaimAsync("t", "op", "k4", "hash", At);
        await _store.ReleaseAsync(first);

        Assert.Equal(IdempotencyOutcome.Acquired, (await _store.ClaimAsync("t", "op", "k4", "hash", At)).Outcome);
    }

    [Fact]
    public async Task Claim_ConcurrentRequestsWithOneKey_ExactlyOneAcquires()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => _store.ClaimAsync("t", "op", "k5", "hash", At)));

        Assert.Equal(1, claims.Count(c => c.Outcome == IdempotencyOutcome.Acquired));
        Assert.Equal(15, claims.Count(c => c.Outcome == IdempotencyOutcome.InProgress));
    }

    [Fact]
    public async Task Claim_KeysAreScopedByTenantAndOperation()
    {
        var first = await _store.ClaimAsync("t", "op", "k6", "hash", At);
        await _store.CompleteAsync(first, "hash", Created, At);

        Assert.Equal(IdempotencyOutcome.Acquired, (await _store.ClaimAsync("other-tenant", "op", "k6", "hash", At)).Outcome);
        Assert.Equal(IdempotencyOutcome.Acquired, (await _store.ClaimAsync("t", "other-op", "k6", "hash", At)).Outcome);
    }

    [Fact]
    public async Task Claim_AfterRetention_StartsAfresh()
    {
        var first = await _store.ClaimAsync("t", "op", "k7", "hash-a", At);
        await _store.CompleteAsync(first, "hash-a", Created, At);

        var later = await _store.ClaimAsync("t", "op", "k7", "hash-b", At + IdempotencyStore.Retention + TimeSpan.FromMinutes(1));

        Assert.Equal(IdempotencyOutcome.Acquired, later.Outcome);
    }
}
