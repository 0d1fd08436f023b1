using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Domain.Import;
using RiskFunctions.Functions.Features.Import;

namespace RiskFunctions.Functions.Tests.Features.Import;

/// <summary>Which import lines may run at once: labels are barriers; lines sharing a user, device or action stay in one group, in order.</summary>
public sealed class ImportScheduleTests
{
    [Fact]
    public void Segments_LinesOfTwoUsersAndALabel_GroupsEachUsersLinesInOrderAndTheLabelAlone()
    {
        ImportStep[] steps =
        [
            Action(1, "a1", "alice", "d-alice"),
            Action(2, "b1", "bob", "d-bob"),
            Result(3, "a1", "alice", "d-alice"),
            Action(4, "a2", "alice", "d-alice"),
            Label(5),
            Action(6, "b2", "bob", "d-bob"),
        ];

        var segments = ImportSchedule.Segments(steps);

        Assert.Equal(3, segments.Count);
        Assert.Equal([[0, 2, 3], [1]], segments[0].Select(g => g.ToArray()));
        Assert.Equal([[4]], segments[1].Select(g => g.ToArray()));
        Assert.Equal([[5]], segments[2].Select(g => g.ToArray()));
    }

    [Fact]
    public void Segments_TwoUsersOnOneDevice_ApplyTheirLinesInOneGroup()
    {
        ImportStep[] steps = [Action(1, "a1", "alice", "shared"), Action(2, "b1", "bob", "shared"), Action(3, "c1", "carol", "d-carol")];

        var segments = ImportSchedule.Segments(steps);

        Assert.Equal([[0, 1], [2]], Assert.Single(segments).Select(g => g.ToArray()));
    }

    [Fact]
    public void Segments_ResultBindingAnAnonymousActionToAUser_JoinsTheUsersLines()
    {
        ImportStep[] steps =
        [
            Action(1, "anon", user: null, device: null),
            Action(2, "a1", "alice", "d-alice"),
            Result(3, "anon", user: null, device: null, boundUser: "alice"),
        ];

        var segments = ImportSchedule.Segments(steps);

        Assert.Equal([0, 1, 2], Assert.Single(Assert.Single(segments)));
    }

    [Fact]
    public void Applied_LinesWithGaps_AreNamedAsRanges()
    {
        Assert.Equal("lines 1-3, 5 and 7-8 were imported", ImportFailure.Applied([8, 1, 2, 3, 5, 7]));
        Assert.Equal("line 4 was imported", ImportFailure.Applied([4]));
        Assert.Equal("no line was imported", ImportFailure.Applied([]));
    }

    private static ImportEntry Entry(int line, ImportLineType type, string? reference) =>
        new(line, new ImportLine { Type = type, Ref = reference }, DateTimeOffset.UnixEpoch.AddMinutes(line));

    private static ImportActionStep Action(int line, string reference, string? user, string? device) => new(
        Entry(line, ImportLineType.Action, reference),
        new TriggerActionRequest { ActionType = "login", UserId = user, Context = new TriggerActionContext { DeviceId = device } },
        "token-" + reference);

    private static ImportResultStep Result(int line, string reference, string? user, string? device, string? boundUser = null) => new(
        Entry(line, ImportLineType.Result, reference),
        new ActionResultRequest { ActionToken = "token-" + reference, UserId = boundUser },
        "token-" + reference)
    {
        ActionSubjects = new ImportSubjects(user, device),
    };

    private static ImportLabelStep Label(int line) => new(Entry(line, ImportLineType.Label, null), null!, null);
}
