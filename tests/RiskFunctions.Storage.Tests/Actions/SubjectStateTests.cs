using RiskFunctions.Storage.Actions;

namespace RiskFunctions.Storage.Tests.Actions;

/// <summary>How an action changes a subject state in memory: the recent list stays in time order within its window and cap.</summary>
public sealed class SubjectStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static RecentAction Action(string token, DateTimeOffset at) =>
        new(at.UtcTicks, SubjectStateHash.Of(token), SubjectStateHash.Of("user"), SubjectStateHash.Of("device"));

    private static SubjectState Add(SubjectState state, RecentAction action, string? link = null) =>
        state.With(action, Hour, link, default, ActionSubjectKind.IpAddress);

    private static SubjectState Of(params RecentAction[] actions) => actions.Aggregate(SubjectState.Empty, (state, action) => Add(state, action));

    [Fact]
    public void With_ActionOlderThanListed_IsPlacedInTimeOrder()
    {
        var a = Action("a", Now.AddMinutes(-10));
        var c = Action("c", Now);
        var b = Action("b", Now.AddMinutes(-5));

        var state = Add(Of(a, c), b);

        Assert.Equal([a, b, c], state.Recent);
    }

    [Fact]
    public void With_ActionOfTheSameTime_GoesAfterTheActionsListedAtThatTime()
    {
        var first = Action("first", Now);
        var second = Action("second", Now);
        var later = Action("later", Now.AddSeconds(1));

        var state = Add(Of(first, later), second);

        Assert.Equal([first, second, later], state.Recent);
    }

    [Fact]
    public void With_ActionsOlderThanTheWindowBeforeTheNewest_AreDropped()
    {
        var old = Action("old", Now.AddMinutes(-61));
        var edge = Action("edge", Now.AddMinutes(-60));
        var now = Action("now", Now);

        var state = Add(Of(old, edge), now);

        Assert.Equal([edge, now], state.Recent);
    }

    [Fact]
    public void With_ActionOutsideTheWindowOfTheNewest_IsStillListedFirst()
    {
        var newest = Action("newest", Now);
        var late = Action("late", Now.AddHours(-2));

        var state = Add(Of(newest), late);

        Assert.Equal([late, newest], state.Recent);
    }

    [Fact]
    public void With_ListedToken_ChangesNothing()
    {
        var a = Action("a", Now.AddMinutes(-1));
        var state = Of(a, Action("b", Now));

        var again = Add(state, a with { Ticks = Now.AddMinutes(-30).UtcTicks });

        Assert.Same(state.Recent, again.Recent);
    }

    [Fact]
    public void WithRecentAt_ListedToken_MovesToThatTimeInTimeOrder()
    {
        var a = Action("a", Now.AddSeconds(-50));
        var b = Action("b", Now.AddSeconds(-20));
        var c = Action("c", Now);

        var state = Of(a, b, c).WithRecentAt(SubjectStateHash.Of("a"), Now.AddSeconds(-10).UtcTicks);

        Assert.Equal([b, a with { Ticks = Now.AddSeconds(-10).UtcTicks }, c], state.Recent);
    }

    [Fact]
    public void WithRecentAt_TokenNotListedOrListedAtThatTime_IsTheSameState()
    {
        var a = Action("a", Now);
        var state = Of(a);

        Assert.Same(state, state.WithRecentAt(SubjectStateHash.Of("other"), Now.AddSeconds(-40).UtcTicks));
        Assert.Same(state, state.WithRecentAt(SubjectStateHash.Of("a"), Now.UtcTicks));
    }

    [Fact]
    public void With_FullList_KeepsTheNewestUpToTheCap()
    {
        var actions = Enumerable.Range(0, SubjectState.MaxRecent).Select(i => Action("t" + i, Now.AddSeconds(-SubjectState.MaxRecent + i))).ToArray();
        var full = Of(actions);
        var next = Action("next", Now.AddSeconds(1));

        var state = Add(full, next);

        Assert.Equal(SubjectState.MaxRecent, state.Recent.Count);
        Assert.Equal([.. actions.Skip(1), next], state.Recent);
    }

    [Fact]
    public void With_FullListAndAnActionOlderThanAll_DropsThatAction()
    {
        var actions = Enumerable.Range(0, SubjectState.MaxRecent).Select(i => Action("t" + i, Now.AddSeconds(-SubjectState.MaxRecent + i))).ToArray();

        var state = Add(Of(actions), Action("older", Now.AddSeconds(-SubjectState.MaxRecent - 1)));

        Assert.Equal(actions, state.Recent);
    }

    [Fact]
    public void With_ListNotInTimeOrder_IsSortedWithTheAction()
    {
        var a = Action("a", Now.AddMinutes(-3));
        var b = Action("b", Now.AddMinutes(-2));
        var c = Action("c", Now.AddMinutes(-1));
        var unordered = SubjectState.Empty with { Recent = [c, a] };

        var state = Add(unordered, b);

        Assert.Equal([a, b, c], state.Recent);
    }

    [Fact]
    public void With_Links_StayAscendingAndDistinct()
    {
        var state = SubjectState.Empty;
        foreach (var (device, i) in new[] { "d3", "d1", "d2", "d1" }.Select((device, i) => (device, i)))
        {
            state = Add(state, Action("t" + i, Now.AddSeconds(i)), device);
        }

        var expected = new[] { "d1", "d2", "d3" }.Select(SubjectStateHash.Of).Order().ToArray();
        Assert.Equal(expected, state.Links);
        Assert.Equal(3, state.CountLinks("d2"));
        Assert.Equal(4, state.CountLinks("d4"));
    }

    [Fact]
    public void With_UserWithoutARow_NamesEachDeviceAndAddressOnce()
    {
        var state = new[] { ("d1", "192.0.2.1"), ("d2", "192.0.2.1"), ("d1", null) }
            .Select((used, i) => (used, i))
            .Aggregate(SubjectState.Empty, (current, next) => AddForUser(current, Action("t" + next.i, Now.AddSeconds(next.i)), next.used.Item1, next.used.Item2));

        Assert.Equal(
            new UserReach([new(ActionSubjectKind.DeviceId, "d1"), new(ActionSubjectKind.IpAddress, "192.0.2.1"), new(ActionSubjectKind.DeviceId, "d2")], Complete: true),
            state.Reach);
    }

    [Fact]
    public void With_UserPastTheMostItsReachNames_IsNoLongerComplete()
    {
        var full = Enumerable.Range(0, SubjectState.MaxReach)
            .Aggregate(SubjectState.Empty, (state, i) => AddForUser(state, Action("t" + i, Now.AddSeconds(i)), "d" + i, address: null));
        Assert.Equal(SubjectState.MaxReach, full.Reach!.Subjects.Count);

        var past = AddForUser(full, Action("past", Now.AddMinutes(1)), device: null, "192.0.2.9");
        var later = AddForUser(past, Action("later", Now.AddMinutes(2)), "d-later", address: null);

        Assert.True(full.Reach.Complete);
        Assert.Equal(new UserReach([], Complete: false), later.Reach);
    }

    [Fact]
    public void With_UserRowWrittenBeforeItsReachWasKept_StillDoesNotKnowIt()
    {
        var older = SubjectState.Empty with { ETag = new Azure.ETag("W/\"1\""), Reach = null };

        var state = AddForUser(older, Action("t", Now), "d1", "192.0.2.1");

        Assert.Null(state.Reach);
    }

    private static SubjectState AddForUser(SubjectState state, RecentAction action, string? device, string? address) =>
        state.With(action, TimeSpan.FromMinutes(1), device, default, ActionSubjectKind.UserId, address);
}
