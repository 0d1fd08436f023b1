using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Functions.Features.Import;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Activity;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.Security;
using Xunit.Abstractions;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;
using static RiskFunctions.Functions.Tests.Features.Import.ImportCalls;

namespace RiskFunctions.Functions.Tests.Features.Import;

/// <summary>
/// The import's applier over Azurite: a segment's action rows kept back and written at its end (an action and its
/// result in one row), what its groups know without reading again, re-posting after a failure, a concurrent post of the
/// same refs storing an action first, and the storage requests an imported line costs.
/// </summary>
public sealed class ImportApplierTests(ImportServicesFixture fixture, ITestOutputHelper output) : IClassFixture<ImportServicesFixture>
{
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    private ActionRepository Actions => fixture.Services.GetRequiredService<ActionRepository>();

    private ProfileRepository Profiles => fixture.Services.GetRequiredService<ProfileRepository>();

    private SubjectStateRepository States => fixture.Services.GetRequiredService<SubjectStateRepository>();

    private ActivityFeed Activity => fixture.Services.GetRequiredService<ActivityFeed>();

    [Fact]
    public async Task ApplyAsync_ActionAndItsResultInOneSegment_StoresOneRowWithTheResultAndFeedsTheProfileOnce()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);

        var results = await fixture.ImportAsync(tenant, _now, ActionLine("a-1", at, Login("alice")), ResultLine("a-1", at.AddSeconds(2)));

        var stored = await Actions.GetAsync(tenant, results[0].ActionToken!);
        Assert.NotNull(stored);
        Assert.Equal("success", stored.Result);
        Assert.True(stored.ProfileFed);
        Assert.Equal(1, (await Profiles.GetAsync(tenant, "alice")).ActionCount);
    }

    [Fact]
    public async Task ApplyAsync_ResultOfAnActionOfAnEarlierBatch_IsRecordedOnTheStoredAction()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        var first = await fixture.ImportAsync(tenant, _now, ActionLine("a-1", at, Login("alice")));
        Assert.Null((await Actions.GetAsync(tenant, first[0].ActionToken!))!.Result);

        await fixture.ImportAsync(tenant, _now, ResultLine("a-1", at.AddSeconds(2)));

        var stored = await Actions.GetAsync(tenant, first[0].ActionToken!);
        Assert.Equal("success", stored!.Result);
        Assert.True(stored.ProfileFed);
        Assert.Equal(1, (await Profiles.GetAsync(tenant, "alice")).ActionCount);
    }

    [Fact]
    public async Task ApplyAsync_LabelBetweenAnActionAndItsResult_StoresTheActionBeforeTheLabelReachesIt()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);

        var results = await fixture.ImportAsync(
            tenant,
            _now,
            ActionLine("a-1", at, Login("alice")),
            ActionLabelLine("a-1", at.AddSeconds(1), "CONFIRMED_LEGIT", reference: "review-1"),
            ResultLine("a-1", at.AddSeconds(2)));

        var stored = await Actions.GetAsync(tenant, results[0].ActionToken!);
        Assert.Equal(results[1].LabelId, stored!.LabelId);
        Assert.Equal("success", stored.Result);
        Assert.True(stored.ProfileFed);
    }

    [Fact]
    public async Task ApplyAsync_BatchPostedAgainAfterAFailureWhileItsRowsWereWritten_StoresOneActionPerRefAndCountsEachOnce()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        JsonObject[] batch =
        [
            ActionLine("a-1", at, Login("alice")), ResultLine("a-1", at.AddSeconds(1)),
            ActionLine("a-2", at.AddSeconds(10), Login("alice")), ResultLine("a-2", at.AddSeconds(11)),
            ActionLine("b-1", at.AddSeconds(20), Login("bob", device: "device-bob")), ResultLine("b-1", at.AddSeconds(21)),
        ];
        var transactions = 0;
        fixture.FailingRequests.FailNext(request =>
            request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Increment(ref transactions) == 2);

        await Assert.ThrowsAnyAsync<Exception>(() => fixture.ImportAsync(tenant, _now, batch));
        Assert.True(fixture.FailingRequests.Failed);
        var again = await fixture.ImportAsync(tenant, _now, batch);
        var thirdTime = await fixture.ImportAsync(tenant, _now, batch);

        Assert.Equal(again.Select(line => (line.ActionToken, line.RiskScore, line.Recommendation)), thirdTime.Select(line => (line.ActionToken, line.RiskScore, line.Recommendation)));
        foreach (var line in again.Where(line => line.Type == ImportLineType.Action))
        {
            var stored = await Actions.GetAsync(tenant, line.ActionToken!);
            Assert.Equal("success", stored!.Result);
            Assert.True(stored.ProfileFed);
            Assert.Equal(stored.Recommendation, Wire(line.Recommendation));
        }

        Assert.Equal(2, (await Profiles.GetAsync(tenant, "alice")).ActionCount);
        Assert.Equal(1, (await Profiles.GetAsync(tenant, "bob")).ActionCount);
        var aliceState = await States.ReadAsync(tenant, new ActionSubject(ActionSubjectKind.UserId, "alice"));
        Assert.Equal(2, aliceState.Recent.Count);
    }

    [Fact]
    public async Task ApplyAsync_BatchPostedAgain_LeavesTheStoredActionsRecentActivityRowAsMaintenanceAndItsResultLeftIt()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        JsonObject[] batch = [ActionLine("a-1", at, Login("alice"))];
        var token = (await fixture.ImportAsync(tenant, _now, batch))[0].ActionToken!;
        await fixture.ImportAsync(tenant, _now, ResultLine("a-1", at.AddSeconds(2)));
        await Activity.MarkRingDoneAsync(tenant, [token]);
        await Activity.SetCampaignAsync(tenant, [token], "campaign-1");

        await fixture.ImportAsync(tenant, _now, batch);

        var row = await ActivityRowAsync(tenant, token);
        Assert.Equal((true, "campaign-1", "success"), (row.RingDone, row.CampaignId, row.Record.Result));
    }

    /// <summary>
    /// Two posts of one batch at once: the second stores the action while the first holds its action rows back, and
    /// maintenance and a result reach its recent-activity row; the first then meets the stored action and leaves that row
    /// as it is.
    /// </summary>
    [Fact]
    public async Task ApplyAsync_ActionAConcurrentPostStoredMeanwhile_KeepsTheRecentActivityRowItWrote()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        JsonObject[] batch = [ActionLine("a-1", at, Login("alice"))];
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.FailingRequests.HoldNext(
            request => IsInsertTransactionOf(request, ActionTables.ActionsTableName) && reached.TrySetResult(),
            release.Task);
        var first = fixture.ImportAsync(tenant, _now, batch);
        string token;
        try
        {
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            token = (await fixture.ImportAsync(tenant, _now, batch))[0].ActionToken!;
            await fixture.ImportAsync(tenant, _now, ResultLine("a-1", at.AddSeconds(2)));
            await Activity.MarkRingDoneAsync(tenant, [token]);
            await Activity.SetCampaignAsync(tenant, [token], "campaign-1");
        }
        finally
        {
            // Never left armed or holding, whatever happened: the class's other tests share the seam.
            fixture.FailingRequests.HoldNext(_ => false, Task.CompletedTask);
            release.TrySetResult();
        }

        await first;

        var row = await ActivityRowAsync(tenant, token);
        Assert.Equal((true, "campaign-1", "success"), (row.RingDone, row.CampaignId, row.Record.Result));
    }

    /// <summary>
    /// Two posts of one ref at once, for different users: the second stores the action while the first holds its action
    /// rows back, and the first's result line names its own user, whom the stored action is not about. The line fails as
    /// it would outside the race (400), in the JSON answer and in the streamed one; neither it nor the later result of its
    /// action is recorded or answered as imported, while the lines of the other action were stored and are.
    /// </summary>
    [Fact]
    public async Task ApplyAsync_ResultForAnotherUserThanAConcurrentPostStoredTheActionFor_FailsItsLineWith400AndRecordsNoResult()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        var token = ImportKeys.ActionToken(tenant, "a-1");
        JsonObject[] batch =
        [
            ActionLine("a-1", at, Login("alice")),
            ResultLine("a-1", at.AddSeconds(2), userId: "alice"),
            ResultLine("a-1", at.AddSeconds(3), "failure"),
            ActionLine("c-1", at.AddSeconds(5), Login("carol", ip: "192.0.2.45", device: "device-carol")),
        ];

        var first = await WhileAConcurrentPostStoresTheActionAsync(
            token, () => fixture.ImportAsync(tenant, _now, batch), () => fixture.ImportAsync(tenant, _now, ActionLine("a-1", at, Login("bob", device: "device-bob"))));

        var failed = await Assert.ThrowsAsync<ImportLineFailedException>(() => first);
        Assert.Equal((2, "result.user_id", 400), (failed.Entry.Line, failed.Field, failed.StatusCode));
        Assert.Equal(
            "lines[2].result.user_id: does not match the user_id the action was reported with; lines 1 and 4 were imported, and posting the batch again is safe",
            Assert.Single(ImportFailure.Body(failed).Message));
        var streamed = await StreamedAnswerAsync(first, batch.Length);
        Assert.Equal([1, 4], streamed.Where(line => line.ContainsKey("result")).Select(line => line["result"]!["line"]!.GetValue<int>()));
        Assert.Equal(400, streamed[^1]["error"]!["error_code"]!.GetValue<int>());
        var stored = await Actions.GetAsync(tenant, token);
        Assert.Equal(("bob", null, false), (stored!.UserId, stored.Result, stored.ProfileFed));
        Assert.Equal(0, (await Profiles.GetAsync(tenant, "bob")).ActionCount);
        Assert.NotNull(await Actions.GetAsync(tenant, ImportKeys.ActionToken(tenant, "c-1")));
    }

    /// <summary>
    /// Two posts of one ref at once, for different users, the first with a result naming no user: the action the second
    /// stored gets the result and feeds its own user's profile, and the line is answered as imported.
    /// </summary>
    [Fact]
    public async Task ApplyAsync_ResultNamingNoUserOnAnActionAConcurrentPostStored_IsRecordedOnTheStoredAction()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        var token = ImportKeys.ActionToken(tenant, "a-1");

        var first = await WhileAConcurrentPostStoresTheActionAsync(
            token,
            () => fixture.ImportAsync(tenant, _now, ActionLine("a-1", at, Login("alice")), ResultLine("a-1", at.AddSeconds(2))),
            () => fixture.ImportAsync(tenant, _now, ActionLine("a-1", at, Login("bob", device: "device-bob"))));

        Assert.Equal([1, 2], (await first).Select(line => line.Line));
        var stored = await Actions.GetAsync(tenant, token);
        Assert.Equal(("bob", "success", true), (stored!.UserId, stored.Result, stored.ProfileFed));
        Assert.Equal(1, (await Profiles.GetAsync(tenant, "bob")).ActionCount);
    }

    /// <summary>
    /// A batch posted again after it was stored (its answer lost) with more of one user's successes than a profile
    /// remembers action by action: the stored actions are found before they are kept back again, so no result feeds the
    /// profile or the population a second time.
    /// </summary>
    [Fact]
    public async Task ApplyAsync_StoredBatchPostedAgain_FeedsNoProfileTwice()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        var batch = Enumerable.Range(1, 40)
            .SelectMany(i => new[] { ActionLine($"s-{i}", at.AddMinutes(i), Login("alice")), ResultLine($"s-{i}", at.AddMinutes(i).AddSeconds(1)) })
            .ToArray();
        var first = await fixture.ImportAsync(tenant, _now, batch);

        var again = await fixture.ImportAsync(tenant, _now, batch);

        Assert.Equal(
            first.Select(line => (line.ActionToken, line.RiskScore, line.Recommendation)),
            again.Select(line => (line.ActionToken, line.RiskScore, line.Recommendation)));
        Assert.Equal(40, (await Profiles.GetAsync(tenant, "alice")).ActionCount);
    }

    /// <summary>
    /// A batch whose action rows were stored and whose recent-activity rows were not (its request failed in between):
    /// posted again, it finds its actions stored and adds their activity rows, with their results.
    /// </summary>
    [Fact]
    public async Task ApplyAsync_BatchPostedAgainAfterItsActivityRowsFailed_AddsThem()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        JsonObject[] batch = [ActionLine("a-1", at, Login("alice")), ResultLine("a-1", at.AddSeconds(1), "failure")];
        fixture.FailingRequests.FailNext(request => IsTransactionOf(request, "activity"));
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.ImportAsync(tenant, _now, batch));
        Assert.True(fixture.FailingRequests.Failed);

        var again = await fixture.ImportAsync(tenant, _now, batch);

        var feed = fixture.Services.GetRequiredService<ActivityFeed>();
        var row = await feed.ReadAllAsync().SingleAsync(entry => entry.TenantId == tenant && entry.Record.ActionToken == again[0].ActionToken);
        Assert.Equal(("alice", "failure"), (row.Record.UserId, row.Record.Result));
    }

    [Fact]
    public async Task ApplyAsync_LabelRefImportedBeforeWithAnotherLabel_FailsTheLineWith409AndKeepsTheFirstLabel()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        var first = await fixture.ImportAsync(
            tenant, _now, ActionLine("a-1", at, Login("alice")), ActionLabelLine("a-1", at.AddHours(1), "CONFIRMED_FRAUD", reference: "review-1"));

        var failed = await Assert.ThrowsAsync<ImportLineFailedException>(
            () => fixture.ImportAsync(tenant, _now, ActionLabelLine("a-1", at.AddHours(2), "CONFIRMED_LEGIT", reference: "review-1")));

        Assert.Equal(409, failed.StatusCode);
        Assert.Equal(1, failed.Entry.Line);
        Assert.Equal("ref", failed.Field);
        Assert.Empty(failed.Applied);
        var stored = await Actions.GetAsync(tenant, first[0].ActionToken!);
        Assert.Equal(first[1].LabelId, stored!.LabelId);
        Assert.Equal("ConfirmedFraud", stored.LabelType);
    }

    [Fact]
    public async Task ApplyAsync_LabelWithARefPostedAgain_AnswersWithTheStoredLabel()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        JsonObject[] batch = [ActionLine("a-1", at, Login("alice")), ActionLabelLine("a-1", at.AddHours(1), "CONFIRMED_LEGIT", reference: "review-1")];
        var first = await fixture.ImportAsync(tenant, _now, batch);

        var again = await fixture.ImportAsync(tenant, _now, batch);

        Assert.NotNull(first[1].LabelId);
        Assert.Equal(first[1].LabelId, again[1].LabelId);
    }

    /// <summary>
    /// What an imported login and its successful result cost once the group knows its user: the action reads the IP
    /// address's state and the fingerprint's reputation and writes its 3 subject transactions and the fingerprint's index
    /// row; the result feeds the profile (1 transaction); the segment's end writes the action rows (one per partition),
    /// the activity rows and the population counts.
    /// </summary>
    [Fact]
    public async Task ApplyAsync_ReturningUsersLoginsAndResults_StaysWithinTheRequestsPerLineBound()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        await fixture.ImportAsync(tenant, _now, ActionLine("warm-1", at, Login("alice")), ResultLine("warm-1", at.AddSeconds(1)));
        var lines = Enumerable.Range(1, 10)
            .SelectMany(i => new[] { ActionLine($"l-{i}", at.AddMinutes(i), Login("alice")), ResultLine($"l-{i}", at.AddMinutes(i).AddSeconds(1)) })
            .ToArray();

        var requests = await fixture.Requests.CountAsync(() => fixture.ImportAsync(tenant, _now, lines));

        output.WriteLine($"{requests.Count} requests for {lines.Length} lines: {requests.Count / (double)lines.Length:F1} per line");
        foreach (var kind in requests.GroupBy(request => request).OrderByDescending(kind => kind.Count()))
        {
            output.WriteLine($"{kind.Count(),4} {kind.Key}");
        }

        Assert.Equal(10, (await Profiles.GetAsync(tenant, "alice")).ActionCount - 1);
        Assert.InRange(requests.Count, 1, MaxRequestsPerLine * lines.Length);
    }

    /// <summary>
    /// A history of many users, each acting once in the segment (what a batch of a big tenant's history looks like): per
    /// action the user's, device's and address's states, the profile (a point read) and the fingerprint's reputation are read
    /// once, the address's state written at once, and the user's and device's states, the fingerprint's index row, the
    /// action row and its recent-activity row at the segment's end; the result feeds the profile the action read.
    /// </summary>
    [Fact]
    public async Task ApplyAsync_ManyUsersWithOneLoginAndResultEach_StaysWithinTheRequestsPerPairBound()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        await fixture.ImportAsync(tenant, _now, ActionLine("warm-1", at, Login("warm-up")), ResultLine("warm-1", at.AddSeconds(1)));
        var lines = Enumerable.Range(1, 20)
            .SelectMany(i => new[]
            {
                ActionLine($"u-{i}", at.AddMinutes(i), Login($"user-{i}", ip: $"198.51.100.{i}", device: $"device-{i}")),
                ResultLine($"u-{i}", at.AddMinutes(i).AddSeconds(1)),
            })
            .ToArray();

        var requests = await fixture.Requests.CountAsync(() => fixture.ImportAsync(tenant, _now, lines));

        var population = requests.Count(request => StorageRequestName.TableOf(request) == "population");
        output.WriteLine($"{requests.Count} requests for 20 action and result pairs, {population} of them the population's reads and transactions");
        foreach (var kind in requests.GroupBy(request => request).OrderByDescending(kind => kind.Count()))
        {
            output.WriteLine($"{kind.Count(),4} {kind.Key}");
        }

        Assert.InRange(requests.Count - population, 1, MaxRequestsPerNewUsersPair * 20);
        Assert.InRange(requests.Count(request => request == "GET population point read"), 0, MaxPopulationPointReadsPerNewUsersPair * 20);
    }

    /// <summary>
    /// A fraud label on an action of a user with three actions from two devices and three addresses: the label's insert,
    /// the record that its propagation message was sent, its move to running, the action's read, then at once the mark on the action (read, transaction) and the reputation
    /// of its user (read, insert), device, fingerprint and address (their states' read and merge) with the user's fraud
    /// carried to the states of its 2 devices and 3 addresses (named by the user's state its reputation write read; then a
    /// read and a merge each), then the finishing save. No read of the label it has just stored, and no query: on Azurite a query
    /// scans the whole table (before: 29, with that read, the affected action's read of the label intake's answer, a
    /// separate checkpoint before the finishing save, and a query of the user's index for its devices and addresses).
    /// </summary>
    [Fact]
    public async Task ApplyAsync_FraudLabelOnAnAction_StaysWithinTheRequestsPerLabelBound()
    {
        var tenant = TestTenant.Create().Id;
        var at = _now.AddDays(-3);
        await fixture.ImportAsync(
            tenant,
            _now,
            [.. Enumerable.Range(1, 3).SelectMany(i => new[]
            {
                ActionLine($"p-{i}", at.AddMinutes(i), Login("mallory", ip: $"203.0.113.{i}", device: $"device-{i % 2}")),
                ResultLine($"p-{i}", at.AddMinutes(i).AddSeconds(1)),
            })]);

        var requests = await fixture.Requests.CountAsync(() => fixture.ImportAsync(tenant, _now, ActionLabelLine("p-3", at.AddHours(1), reference: "chargeback-1")));

        output.WriteLine($"{requests.Count} requests for one label");
        foreach (var kind in requests.GroupBy(request => request).OrderByDescending(kind => kind.Count()))
        {
            output.WriteLine($"{kind.Count(),4} {kind.Key}");
        }

        Assert.DoesNotContain("GET labels point read", requests);
        Assert.DoesNotContain(requests, request => request.EndsWith(" query", StringComparison.Ordinal));
        Assert.Equal(3, requests.Count(request => request == "PUT labels replace"));
        Assert.InRange(requests.Count, 1, MaxRequestsPerActionLabel);
    }

    /// <summary>
    /// Whether <paramref name="request"/> is an entity group transaction inserting rows into <paramref name="table"/> (an
    /// insert names the table, not the row), among them, when given, the row whose key is <paramref name="containing"/>.
    /// </summary>
    private static bool IsInsertTransactionOf(Request request, string table, string? containing = null)
    {
        if (!request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || request.Content is null)
        {
            return false;
        }

        using var body = new MemoryStream();
        request.Content.WriteTo(body, CancellationToken.None);
        var text = Encoding.UTF8.GetString(body.ToArray());
        return text.Contains(table + "?$format=", StringComparison.Ordinal) && (containing is null || text.Contains(containing, StringComparison.Ordinal));
    }

    /// <summary>
    /// Starts <paramref name="first"/> and holds its insert of the action <paramref name="actionToken"/> (kept back until
    /// its segment ends) while <paramref name="concurrent"/> runs to its end, so the concurrent post stores the action
    /// first; returns the first post once it has ended, whatever its outcome.
    /// </summary>
    private async Task<Task<IReadOnlyList<ImportLineResult>>> WhileAConcurrentPostStoresTheActionAsync(
        string actionToken, Func<Task<IReadOnlyList<ImportLineResult>>> first, Func<Task> concurrent)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.FailingRequests.HoldNext(
            request => IsInsertTransactionOf(request, ActionTables.ActionsTableName, containing: actionToken) && reached.TrySetResult(),
            release.Task);
        var firstPost = first();
        try
        {
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await concurrent();
        }
        finally
        {
            // Never left armed or holding, whatever happened: the class's other tests share the seam.
            fixture.FailingRequests.HoldNext(_ => false, Task.CompletedTask);
            release.TrySetResult();
        }

        await Task.WhenAny(firstPost);
        return firstPost;
    }

    /// <summary>The lines of the streamed answer (<c>Accept: application/x-ndjson</c>) of a batch of <paramref name="lines"/> lines that <paramref name="applying"/> applied.</summary>
    private static async Task<List<JsonObject>> StreamedAnswerAsync(Task<IReadOnlyList<ImportLineResult>> applying, int lines)
    {
        using var body = new MemoryStream();
        var http = new DefaultHttpContext();
        http.Response.Body = body;
        await ImportStream.WriteAsync(http.Response, new ImportProgress(lines), applying);
        return [.. Encoding.UTF8.GetString(body.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    /// <summary>Whether <paramref name="request"/> is an entity group transaction writing rows of <paramref name="table"/>.</summary>
    private static bool IsTransactionOf(Request request, string table)
    {
        if (!request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || request.Content is null)
        {
            return false;
        }

        using var body = new MemoryStream();
        request.Content.WriteTo(body, CancellationToken.None);
        return Encoding.UTF8.GetString(body.ToArray()).Contains(table + "(PartitionKey=", StringComparison.Ordinal);
    }

    /// <summary>
    /// Requests of the action label above: 26, and a read and a merge more for each race between the reputation of the
    /// device or address and the user's fraud carried to the same state (they run at once; the loser reads again).
    /// </summary>
    private const int MaxRequestsPerActionLabel = 30;

    /// <summary>Per imported line of a returning user's logins and their results (before: 10.9, measured the same way).</summary>
    private const double MaxRequestsPerLine = 5.0;

    /// <summary>
    /// Per action and result of a user acting once in the segment, the population's reads and transactions aside (before:
    /// 18, an action 12 and its result 6): 7 on the action's critical path (with the point read that finds an action
    /// stored under its ref by an earlier post of the batch), 1 for the result, 5 at the segment's end. The
    /// segment's population transactions (one per bucket of a kind its counts touch) depend on the segment's size, not on
    /// its pairs.
    /// </summary>
    private const int MaxRequestsPerNewUsersPair = 13;

    /// <summary>
    /// Population point reads per action and result of a user acting once in the segment: 1.6 (the address's count the
    /// new user's action is scored with). The request's end inserts the new address, device and fingerprint counts
    /// without reading them (before: 4.6, a read of each before its write).
    /// </summary>
    private const int MaxPopulationPointReadsPerNewUsersPair = 2;

    private Task<FeedEntry> ActivityRowAsync(string tenant, string actionToken) =>
        Activity.ReadAllAsync().SingleAsync(entry => entry.TenantId == tenant && entry.Record.ActionToken == actionToken).AsTask();

    private static string Wire(Domain.Contract.Recommendations.RecommendationType? type) =>
        Domain.Contract.Serialization.WireEnum<Domain.Contract.Recommendations.RecommendationType>.GetName(type!.Value);
}
