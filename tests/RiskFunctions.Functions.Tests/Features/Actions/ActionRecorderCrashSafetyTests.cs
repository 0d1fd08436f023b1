using Azure;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Functions.Features.Rules.Evaluation;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Activity;
using RiskFunctions.Storage.Rules;
using RiskFunctions.Testing.Rules;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// The commit point of trigger-action (<see cref="ActionRecorder"/> over Azurite): the action row is written in the same
/// wave as the subjects' index transactions, so when one of those fails the action row is deleted again before the
/// failure is answered: an action that can be read is listed under every subject, and its rules' hits are counted once
/// it is stored. And action/result's: a failed replace of the action, or a failed listing of the action under the user a
/// result bound it to, is answered as a failure, and the retry records the result.
/// </summary>
public sealed class ActionRecorderCrashSafetyTests(ActionServicesFixture fixture) : IClassFixture<ActionServicesFixture>
{
    private static readonly DateTimeOffset Now = new(2025, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordAsync_IndexTransactionFails_DeletesTheActionRowBeforeFailing()
    {
        var tenant = TestTenant.Create().Id;
        var token = NewToken();
        fixture.FailingRequests.FailNext(request => request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal));

        var failure = await Assert.ThrowsAnyAsync<RequestFailedException>(() => RecordAsync(tenant, token));

        Assert.True(fixture.FailingRequests.Failed);
        Assert.Equal(500, failure.Status);
        Assert.Null(await Actions.GetAsync(tenant, token));
    }

    [Fact]
    public async Task RecordAsync_RetryAfterAFailedIndexTransaction_StoresTheActionUnderEverySubject()
    {
        var tenant = TestTenant.Create().Id;
        var token = NewToken();
        fixture.FailingRequests.FailNext(request => request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<RequestFailedException>(() => RecordAsync(tenant, token));

        await RecordAsync(tenant, token);

        Assert.NotNull(await Actions.GetAsync(tenant, token));
        var index = fixture.Services.GetRequiredService<ActionIndexRepository>();
        foreach (var subject in new[] { new ActionSubject(ActionSubjectKind.UserId, "u1"), new ActionSubject(ActionSubjectKind.DeviceId, "d1"), new ActionSubject(ActionSubjectKind.IpAddress, "81.2.69.142") })
        {
            Assert.Equal([token], (await index.QueryPageAsync(tenant, subject)).Items.Select(item => item.ActionToken));
        }
    }

    /// <summary>
    /// A request whose index write is cancelled (the caller went away) is not answered: its action row is deleted again,
    /// as after a failed write, and no action is left that some of its subjects do not list.
    /// </summary>
    [Fact]
    public async Task RecordAsync_IndexWriteCancelled_DeletesTheActionRow()
    {
        var tenant = TestTenant.Create().Id;
        var token = NewToken();
        using var callerLeft = new CancellationTokenSource();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.FailingRequests.HoldNext(
            request => request.Method == RequestMethod.Put && request.Uri.Path.Contains("actionindex(", StringComparison.Ordinal),
            release.Task);

        var recording = RecordAsync(tenant, token, cancellationToken: callerLeft.Token);
        for (var polls = 0; await Actions.GetAsync(tenant, token) is null; polls++)
        {
            Assert.True(polls < 3000, "The action row was not written while an index write was held back.");
            await Task.Delay(10);
        }

        callerLeft.Cancel();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => recording);
        Assert.Null(await Actions.GetAsync(tenant, token));
    }

    /// <summary>
    /// A rule's hit is counted when its action is stored: a request whose write failed, and its retry, count one hit.
    /// </summary>
    [Fact]
    public async Task RecordAsync_RetryAfterAFailedWrite_CountsTheRuleHitOnce()
    {
        var tenant = TestTenant.Create().Id;
        var rule = await fixture.Services.GetRequiredService<RuleRepository>().CreateAsync(
            tenant, RuleDrafts.Draft(1, kind: MatcherKind.UserIds, values: ["u1"], recommendation: RuleRecommendationType.Challenge));
        var token = NewToken();
        fixture.FailingRequests.FailNext(request => request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<RequestFailedException>(() => RecordAsync(tenant, token, tokenIsDerived: true));

        var answer = await RecordAsync(tenant, token, tokenIsDerived: true);
        await fixture.Services.GetRequiredService<RuleHitFlusher>().FlushAsync(default);

        Assert.Equal(RecommendationType.Challenge, answer.Recommendation.Type);
        Assert.Equal(1, (await fixture.Services.GetRequiredService<RuleHitStore>().GetAsync(tenant, rule.RuleId!))!.ProductionHits);
    }

    /// <summary>
    /// A keyed run that stored its action but not its answer (it crashed in between): the retry under the same key answers
    /// with the stored action and stores no second one.
    /// </summary>
    [Fact]
    public async Task RecordAsync_KeyedRetryAfterTheActionWasStored_AnswersWithTheStoredAction()
    {
        var tenant = TestTenant.Create().Id;
        var token = NewToken();
        var first = await RecordAsync(tenant, token, tokenIsDerived: true);

        var retried = await RecordAsync(tenant, token, tokenIsDerived: true);

        Assert.Equal((first.RiskScore, first.Recommendation.Type), (retried.RiskScore, retried.Recommendation.Type));
        var index = fixture.Services.GetRequiredService<ActionIndexRepository>();
        Assert.Equal([token], (await index.QueryPageAsync(tenant, new ActionSubject(ActionSubjectKind.UserId, "u1"))).Items.Select(item => item.ActionToken));
    }

    /// <summary>
    /// A result's recent-activity merge goes out beside the action's replace; when the replace fails, the error is
    /// answered and the client's retry records the result on both.
    /// </summary>
    [Fact]
    public async Task RecordResult_ActionReplaceFails_TheRetryRecordsTheResultOnTheActionAndItsActivity()
    {
        var tenant = TestTenant.Create().Id;
        var token = NewToken();
        await RecordAsync(tenant, token);
        fixture.FailingRequests.FailNext(request =>
            request.Method == RequestMethod.Put && request.Uri.Path.Contains("actions(PartitionKey", StringComparison.Ordinal));

        await Assert.ThrowsAnyAsync<RequestFailedException>(() => RecordFailureAsync(tenant, token));
        Assert.True(fixture.FailingRequests.Failed);
        Assert.Null((await Actions.GetAsync(tenant, token))!.Result);

        Assert.Equal(ActionResultStatus.Recorded, (await RecordFailureAsync(tenant, token)).Status);

        Assert.Equal("failure", (await Actions.GetAsync(tenant, token))!.Result);
        var feed = fixture.Services.GetRequiredService<ActivityFeed>();
        Assert.Equal("failure", (await feed.ReadAllAsync().SingleAsync(entry => entry.TenantId == tenant && entry.Record.ActionToken == token)).Record.Result);
    }

    /// <summary>
    /// A result that binds an action reported without a user to its user, and fails after the binding was stored but
    /// before the action was listed under the user: the error is answered, and the retry lists it.
    /// </summary>
    [Fact]
    public async Task RecordResult_ListingUnderTheBoundUserFails_TheRetryListsIt()
    {
        var tenant = TestTenant.Create().Id;
        var token = NewToken();
        await RecordAsync(tenant, token, userId: null);
        fixture.FailingRequests.FailNext(request => request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal));

        await Assert.ThrowsAnyAsync<RequestFailedException>(() => RecordSuccessAsync(tenant, token, "carol"));
        Assert.True(fixture.FailingRequests.Failed);
        Assert.Equal("carol", (await Actions.GetAsync(tenant, token))!.BoundUserId);

        Assert.Equal(ActionResultStatus.Recorded, (await RecordSuccessAsync(tenant, token, "carol")).Status);

        var index = fixture.Services.GetRequiredService<ActionIndexRepository>();
        Assert.Equal([token], (await index.QueryPageAsync(tenant, new ActionSubject(ActionSubjectKind.UserId, "carol"))).Items.Select(item => item.ActionToken));
    }

    private Task<ActionResultOutcome> RecordSuccessAsync(string tenant, string token, string userId) => fixture.ResultRecorder.RecordAsync(
        tenant, token, new ActionResultRequest { ActionToken = token, Result = ResultType.Success, UserId = userId }, Now, default);

    private Task<ActionResultOutcome> RecordFailureAsync(string tenant, string token) => fixture.ResultRecorder.RecordAsync(
        tenant, token, new ActionResultRequest { ActionToken = token, Result = ResultType.Failure }, Now, default);

    private ActionRepository Actions => fixture.Services.GetRequiredService<ActionRepository>();

    private Task<RecommendationFull> RecordAsync(
        string tenant, string token, bool tokenIsDerived = false, string? userId = "u1", CancellationToken cancellationToken = default) => fixture.Recorder.RecordAsync(
        tenant,
        "client",
        new TriggerActionRequest
        {
            ActionType = "login",
            UserId = userId,
            Context = new TriggerActionContext { Ip = "81.2.69.142", DeviceId = "d1", DeviceFingerprint = "fp-d1" },
        },
        token,
        Now,
        tokenIsDerived,
        cancellationToken);

    private static string NewToken() => System.Security.Cryptography.RandomNumberGenerator.GetHexString(64, lowercase: true);
}
