using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Activity;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// Two runs of one idempotency key at once (<see cref="ActionRecorder"/> over Azurite): a run that stalled past its key's
/// lease and the retry that took the key over record the same derived token, each at its own time. One stores the action;
/// what the other one wrote must not contradict it: every subject lists the action once, at the stored action's time, its
/// subjects' states count it once at that time, and its recent-activity row is the stored action's, with the result and
/// maintenance marks written on it since.
/// </summary>
public sealed class ActionRecorderTakeoverTests(ActionServicesFixture fixture) : IClassFixture<ActionServicesFixture>
{
    private static readonly DateTimeOffset StartedAt = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The retry comes once the first run's lease (30 s) has expired.</summary>
    private static readonly DateTimeOffset TakenOverAt = StartedAt.AddSeconds(40);

    private static readonly ActionSubject[] Subjects =
    [
        new(ActionSubjectKind.UserId, "u1"),
        new(ActionSubjectKind.DeviceId, "d1"),
        new(ActionSubjectKind.IpAddress, "81.2.69.142"),
        new(ActionSubjectKind.DeviceFingerprint, "fp-d1"),
    ];

    /// <summary>
    /// The retry has listed its action and counted it in the states, but its insert is slow; the stalled run resumes, stores
    /// the action first and dies before listing it under the user. The retry loses the insert and answers with the stored
    /// action: it lists that one under every subject, the user too, in place of its own rows, and its states count it at its time.
    /// </summary>
    [Fact]
    public async Task RecordAsync_RetryWroteFirstAndLostTheInsert_ListsAndCountsOnlyTheStoredAction()
    {
        var tenant = TestTenant.Create().Id;
        var token = NewToken();
        var retryInsert = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var retryInsertHeld = HoldNext(IsInsertIntoActions, retryInsert.Task);
        var retry = RecordAsync(tenant, token, TakenOverAt);
        await retryInsertHeld;
        await UntilListedEverywhereAsync(tenant, token);

        var stalledUserWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stalledUserWriteHeld = HoldNext(request => IsTransactionUnder(request, "|user|"), stalledUserWrite.Task);
        var stalled = RecordAsync(tenant, token, StartedAt);
        await stalledUserWriteHeld;
        await UntilStoredAsync(tenant, token);
        retryInsert.SetResult();
        var answered = await retry;

        var stored = (await Actions.GetAsync(tenant, token))!;
        Assert.Equal(StartedAt, stored.OccurredAt);
        Assert.Equal(stored.Recommendation, WireEnum<RecommendationType>.GetName(answered.Recommendation.Type));
        await AssertListedAndCountedOnceAtAsync(tenant, token, StartedAt);

        // The stalled run's own write of the user, late, changes nothing.
        stalledUserWrite.SetResult();
        await stalled;
        await AssertListedAndCountedOnceAtAsync(tenant, token, StartedAt);
    }

    /// <summary>
    /// The retry has stored the action and answered, and a result was reported on it; then the stalled run resumes, writes
    /// and loses the insert. Nothing it wrote stays: the index and the states hold the stored action at its time, and its
    /// recent-activity row keeps the stored action's time and recommendation, and the result.
    /// </summary>
    [Fact]
    public async Task RecordAsync_StalledRunWritesAfterTheRetryAnswered_LeavesTheStoredActionAndItsResult()
    {
        var tenant = TestTenant.Create().Id;
        var token = NewToken();
        var stalledRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The profile read is one of the scoring reads; the look for an action stored earlier went out before it, so the
        // stalled run found none.
        var stalledReadHeld = HoldNext(request => request.Method == RequestMethod.Get && request.Uri.Path.Contains("profiles(", StringComparison.Ordinal), stalledRead.Task);
        var stalled = RecordAsync(tenant, token, StartedAt);
        await stalledReadHeld;
        await RecordAsync(tenant, token, TakenOverAt);
        await fixture.ResultRecorder.RecordAsync(
            tenant, token, new ActionResultRequest { ActionToken = token, Result = ResultType.Failure }, TakenOverAt.AddSeconds(5), default);

        stalledRead.SetResult();
        var answered = await stalled;

        var stored = (await Actions.GetAsync(tenant, token))!;
        Assert.Equal(TakenOverAt, stored.OccurredAt);
        Assert.Equal(stored.Recommendation, WireEnum<RecommendationType>.GetName(answered.Recommendation.Type));
        await AssertListedAndCountedOnceAtAsync(tenant, token, TakenOverAt);
        var activity = (await fixture.Services.GetRequiredService<ActivityFeed>().ReadAllAsync()
            .SingleAsync(entry => entry.TenantId == tenant && entry.Record.ActionToken == token)).Record;
        Assert.Equal((TakenOverAt, stored.Recommendation, "failure"), (activity.OccurredAt, activity.Recommendation, activity.Result));
    }

    private async Task AssertListedAndCountedOnceAtAsync(string tenant, string token, DateTimeOffset at)
    {
        var index = fixture.Services.GetRequiredService<ActionIndexRepository>();
        var states = fixture.Services.GetRequiredService<SubjectStateRepository>();
        foreach (var subject in Subjects)
        {
            var listed = (await index.QueryPageAsync(tenant, subject)).Items.Select(item => (item.ActionToken, item.OccurredAt));
            Assert.Equal([(token, at)], listed);
            if (SubjectStateRepository.HasState(subject.Kind))
            {
                var counted = (await states.ReadAsync(tenant, subject)).Recent.Where(action => action.Token == SubjectStateHash.Of(token)).Select(action => action.Ticks);
                Assert.Equal([at.UtcTicks], counted);
            }
        }
    }

    private async Task UntilListedEverywhereAsync(string tenant, string token)
    {
        var index = fixture.Services.GetRequiredService<ActionIndexRepository>();
        for (var polls = 0; ; polls++)
        {
            var listed = 0;
            foreach (var subject in Subjects)
            {
                listed += (await index.QueryPageAsync(tenant, subject)).Items.Count(item => item.ActionToken == token);
            }

            if (listed == Subjects.Length)
            {
                return;
            }

            Assert.True(polls < 3000, "The retry's index writes did not land while its insert was held back.");
            await Task.Delay(10);
        }
    }

    private async Task UntilStoredAsync(string tenant, string token)
    {
        for (var polls = 0; await Actions.GetAsync(tenant, token) is null; polls++)
        {
            Assert.True(polls < 3000, "The stalled run's action row was not written while its user's write was held back.");
            await Task.Delay(10);
        }
    }

    /// <summary>Holds the next request that <paramref name="matches"/> until <paramref name="release"/>; completes once it is held.</summary>
    private Task HoldNext(Func<Request, bool> matches, Task release)
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.FailingRequests.HoldNext(request => matches(request) && held.TrySetResult(), release);
        return held.Task;
    }

    private static bool IsInsertIntoActions(Request request) =>
        request.Method == RequestMethod.Post && request.Uri.Path.EndsWith("actions", StringComparison.Ordinal);

    /// <summary>A transaction in a partition whose key holds <paramref name="keyPart"/> (the subject kind's code).</summary>
    private static bool IsTransactionUnder(Request request, string keyPart)
    {
        if (!request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || request.Content is null)
        {
            return false;
        }

        // The SDK writes its multipart content again when it sends it, so writing it once here changes nothing.
        using var body = new MemoryStream();
        request.Content.WriteTo(body, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains(keyPart, StringComparison.Ordinal);
    }

    private ActionRepository Actions => fixture.Services.GetRequiredService<ActionRepository>();

    private Task<RecommendationFull> RecordAsync(string tenant, string token, DateTimeOffset at) => fixture.Recorder.RecordAsync(
        tenant,
        "client",
        new TriggerActionRequest
        {
            ActionType = "login",
            UserId = "u1",
            Context = new TriggerActionContext { Ip = "81.2.69.142", DeviceId = "d1", DeviceFingerprint = "fp-d1" },
        },
        token,
        at,
        tokenIsDerived: true,
        default);

    private static string NewToken() => System.Security.Cryptography.RandomNumberGenerator.GetHexString(64, lowercase: true);
}
