using System.Text;
using System.Text.Json.Nodes;
using Moq;
using RiskFunctions.Domain.Import;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Features.Import;
using RiskFunctions.Storage.Actions;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;
using static RiskFunctions.Functions.Tests.Features.Import.ImportCalls;

namespace RiskFunctions.Functions.Tests.Features.Import;

/// <summary>
/// What the planner makes of a batch before anything is applied, with the actions of earlier batches read from a stand-in
/// repository: the user each result line is grouped under, and the problems only the whole batch shows (every one of
/// them at once).
/// </summary>
public sealed class ImportPlannerTests
{
    private const string Tenant = "tenant-plan";

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly Mock<ActionRepository> _actions = new();

    [Fact]
    public async Task PlanAsync_SuccessOfAnActionBoundToAUserBeforeALabel_IsGroupedWithTheBoundUsersLines()
    {
        var at = _now.AddDays(-2);

        var steps = await PlanValidAsync(
            ActionLine("anon", at, Login(user: null, device: "device-anon")),
            ResultLine("anon", at.AddMinutes(1), result: "failure", userId: "alice"),
            ActionLabelLine("anon", at.AddMinutes(2), "CONFIRMED_LEGIT"),
            ActionLine("a-1", at.AddMinutes(3), Login("alice")),
            ResultLine("anon", at.AddMinutes(4)));

        // The success feeds alice's profile: it runs in order with her action, not beside it.
        Assert.Equal([3, 4], Assert.Single(ImportSchedule.Segments(steps)[^1]));
    }

    [Fact]
    public async Task PlanAsync_SuccessOfAClaimedActionOfAnEarlierBatchBoundToAnotherUser_IsGroupedWithTheBoundUsersLines()
    {
        var at = _now.AddDays(-2);
        StoredEarlier("claimed", claimedUserId: "bob", device: "device-claimed");

        var steps = await PlanValidAsync(
            ResultLine("claimed", at, result: "failure", userId: "alice"),
            ActionLabelLine("claimed", at.AddMinutes(1), "CONFIRMED_LEGIT"),
            ActionLine("a-1", at.AddMinutes(2), Login("alice")),
            ActionLine("b-1", at.AddMinutes(3), Login("bob", device: "device-bob")),
            ResultLine("claimed", at.AddMinutes(4)));

        Assert.Equal([[2, 4], [3]], ImportSchedule.Segments(steps)[^1].Select(group => group.ToArray()));
    }

    [Fact]
    public async Task PlanAsync_TwoResultsBindingAnActionOfAnEarlierBatchToDifferentUsers_NamesTheSecond()
    {
        var at = _now.AddDays(-2);
        StoredEarlier("anon", claimedUserId: null, device: "device-anon");

        var (_, problems) = await PlanAsync(
            ResultLine("anon", at, userId: "erin"),
            ResultLine("anon", at.AddMinutes(1), userId: "erin"),
            ResultLine("anon", at.AddMinutes(2), userId: "frank"));

        Assert.Equal(["lines[3].result.user_id: does not match the user_id of line 1's result for the action"], problems.Messages);
    }

    [Fact]
    public async Task PlanAsync_LabelRefUsedTwice_NamesTheSecondBesideTheBatchsOtherProblems()
    {
        var at = _now.AddDays(-2);

        var (_, problems) = await PlanAsync(
            ActionLine("a-1", at, Login("alice")),
            ActionLabelLine("a-1", at.AddMinutes(1), "CONFIRMED_FRAUD", reference: "review-1"),
            ActionLine("a-1", at.AddMinutes(2), Login("alice")),
            ActionLabelLine("a-1", at.AddMinutes(3), "CONFIRMED_LEGIT", reference: "review-1"));

        Assert.Equal(
            ["lines[3].ref: is already the ref of line 1's action: each action needs its own ref", "lines[4].ref: is already the ref of line 2's label: each label needs its own ref"],
            problems.Messages);
    }

    private void StoredEarlier(string reference, string? claimedUserId, string device)
    {
        var token = ImportKeys.ActionToken(Tenant, reference);
        var stored = new StoredAction
        {
            TenantId = Tenant,
            ActionToken = token,
            ActionType = "login",
            OccurredAt = _now.AddDays(-3),
            ClaimedUserId = claimedUserId,
            DeviceId = device,
            Recommendation = "ALLOW",
            RecommendationDocument = ReadOnlyMemory<byte>.Empty,
        };
        _actions.Setup(actions => actions.GetAsync(Tenant, token, It.IsAny<CancellationToken>())).ReturnsAsync(stored);
    }

    private async Task<IReadOnlyList<ImportStep>> PlanValidAsync(params JsonObject[] lines)
    {
        var (steps, problems) = await PlanAsync(lines);
        Assert.True(problems.IsValid, string.Join("; ", problems.Messages));
        return steps;
    }

    private Task<(IReadOnlyList<ImportStep> Steps, ValidationResult Problems)> PlanAsync(params JsonObject[] lines)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines.Select(line => line.ToJsonString())));
        return new ImportPlanner(_actions.Object).PlanAsync(Tenant, ImportBatchReader.Read(body, _now), CancellationToken.None);
    }
}
