using RiskFunctions.Domain.Contract.Dialects.DataDome;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Labels.Dialects;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Tests.Labels.Dialects;

public sealed class DataDomeFeedbackMappingTests
{
    /// <summary>An event's id is the action token trigger-action returned for it.</summary>
    private const string EventToken = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DataDomeDecision.Allow, LabelType.ConfirmedLegit)]
    [InlineData(DataDomeDecision.Challenge, LabelType.SuspectedFraud)]
    [InlineData(DataDomeDecision.Review, LabelType.Undetermined)]
    [InlineData(DataDomeDecision.Deny, LabelType.ConfirmedFraud)]
    [InlineData(DataDomeDecision.Delete, LabelType.Undetermined)]
    public void Map_Decision_MapsToLabelType(DataDomeDecision decision, LabelType type)
    {
        var label = Map(Valid() with { Decision = decision }, out var result);

        Assert.True(result.IsValid, string.Join("; ", result.Messages));
        Assert.Equal(type, label!.Type);
    }

    [Theory]
    [InlineData(DataDomeOrigin.ManualReview, LabelSource.ManualReview)]
    [InlineData(DataDomeOrigin.Dashboard, LabelSource.ManualReview)]
    [InlineData(DataDomeOrigin.Chargebacks, LabelSource.Chargebacks)]
    [InlineData(DataDomeOrigin.AutomatedRule, LabelSource.OtherVendors)]
    [InlineData(DataDomeOrigin.DataDome, LabelSource.OtherVendors)]
    [InlineData(DataDomeOrigin.Other, null)]
    public void Map_Origin_MapsToSource(DataDomeOrigin origin, LabelSource? source)
    {
        var label = Map(Valid() with { Origin = origin }, out _);

        Assert.Equal(source, label!.Source);
    }

    [Fact]
    public void Map_EventId_LabelsTheAction()
    {
        var label = Map(Valid(), out _);

        Assert.Equal(new LabelTarget(LabelSubjectType.ActionId, EventToken), label!.Subject);
        Assert.Equal(LabelOrigins.DataDome, label.Origin);
        Assert.Equal("fraud team", label.Comment);
        Assert.Equal("agent-7", label.Author);
        Assert.Equal(Now, label.LabeledAt);
    }

    /// <summary>As POST /label rejects it: a label on an action that cannot exist would fail every propagation attempt.</summary>
    [Theory]
    [InlineData("evt-1")]
    [InlineData("0d9e4c5b-7a3f-4f58-9a51-2b7f6a1c3e2d")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    public void Map_EventIdNotAnActionToken_IsRejected(string eventId)
    {
        Assert.Null(Map(Valid() with { EventId = eventId }, out var result));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("eventId", "must be an action token (64 lower-case hex digits)"), (error.Field, error.Message));
    }

    [Fact]
    public void Map_Account_LabelsTheUser()
    {
        var label = Map(Valid() with { EventId = null, Account = "ann@example.com" }, out _);

        Assert.Equal(new LabelTarget(LabelSubjectType.UserId, "ann@example.com"), label!.Subject);
    }

    [Fact]
    public void Map_UserId_LabelsTheUser()
    {
        var label = Map(Valid() with { EventId = null, UserId = "u-9" }, out _);

        Assert.Equal(new LabelTarget(LabelSubjectType.UserId, "u-9"), label!.Subject);
    }

    [Fact]
    public void Map_NoSubject_IsRejected()
    {
        Assert.Null(Map(Valid() with { EventId = null }, out var result));
        Assert.Contains("exactly one of", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("e", "a", null, "account")]
    [InlineData("e", null, "u", "userId")]
    [InlineData(null, "a", "u", "userId")]
    [InlineData("e", "a", "u", "account")]
    public void Map_SeveralSubjects_AreRejected(string? eventId, string? account, string? userId, string field)
    {
        Assert.Null(Map(Valid() with { EventId = eventId, Account = account, UserId = userId }, out var result));
        Assert.Equal(field, Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Map_EmptySubject_IsRejected()
    {
        Assert.Null(Map(Valid() with { EventId = "" }, out var result));
        Assert.Equal("eventId", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Map_MissingDecisionAndOrigin_NamesBoth()
    {
        Assert.Null(Map(Valid() with { Decision = null, Origin = null }, out var result));
        Assert.Equal(["decision", "origin"], result.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(DataDomeFeedbackMapping.MinDecisionTime - 1)]
    [InlineData(1_795_255_560_001L)] // Now + 6 minutes: past the allowed clock skew
    public void Map_DecisionTimeOutOfRange_IsRejected(long decisionTime)
    {
        Assert.Null(Map(Valid() with { DecisionTime = decisionTime }, out var result));
        Assert.Equal("decisionTime", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Map_DecisionTimeInRange_IsAccepted()
    {
        Assert.NotNull(Map(Valid() with { DecisionTime = Now.AddMinutes(-3).ToUnixTimeMilliseconds() }, out var result));
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Map_NoBody_IsRejected()
    {
        var result = new ValidationResult();

        Assert.Null(DataDomeFeedbackMapping.Map(null, "id", Now, result));
        Assert.Equal("body", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Map_TooLongReason_IsRejected()
    {
        Assert.Null(Map(Valid() with { DecisionReason = new string('x', LabelLimits.TextLength + 1) }, out var result));
        Assert.Equal("decisionReason", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Map_ControlCharactersInReasonAndOriginId_AreRejectedButLineBreaksInTheReasonAreNot()
    {
        Assert.Null(Map(Valid() with { DecisionReason = "chargeback\u0000", OriginId = "agent\u001b[2J" }, out var result));
        Assert.Equal(["decisionReason", "originId"], result.Errors.Select(e => e.Field));
        Assert.NotNull(Map(Valid() with { DecisionReason = "chargeback\r\n\tconfirmed" }, out _));
    }

    private static DataDomeFeedbackRequest Valid() => new()
    {
        EventId = EventToken,
        Decision = DataDomeDecision.Deny,
        DecisionReason = "fraud team",
        Origin = DataDomeOrigin.ManualReview,
        OriginId = "agent-7",
    };

    private static Label? Map(DataDomeFeedbackRequest request, out ValidationResult result)
    {
        result = new ValidationResult();
        return DataDomeFeedbackMapping.Map(request, "label-1", Now, result);
    }
}
