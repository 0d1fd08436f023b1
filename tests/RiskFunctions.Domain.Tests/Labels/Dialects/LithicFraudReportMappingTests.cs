using RiskFunctions.Domain.Contract.Dialects.Lithic;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Labels.Dialects;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Tests.Labels.Dialects;

public sealed class LithicFraudReportMappingTests
{
    private const string Token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, LithicFraudStatus.SuspectedFraud, true)]
    [InlineData(null, LithicFraudStatus.Fraudulent, true)]
    [InlineData(null, LithicFraudStatus.NotFraudulent, true)]
    [InlineData(LithicFraudStatus.SuspectedFraud, LithicFraudStatus.Fraudulent, true)]
    [InlineData(LithicFraudStatus.SuspectedFraud, LithicFraudStatus.NotFraudulent, true)]
    [InlineData(LithicFraudStatus.SuspectedFraud, LithicFraudStatus.SuspectedFraud, false)]
    [InlineData(LithicFraudStatus.Fraudulent, LithicFraudStatus.SuspectedFraud, false)]
    [InlineData(LithicFraudStatus.Fraudulent, LithicFraudStatus.NotFraudulent, false)]
    [InlineData(LithicFraudStatus.Fraudulent, LithicFraudStatus.Fraudulent, false)]
    [InlineData(LithicFraudStatus.NotFraudulent, LithicFraudStatus.SuspectedFraud, false)]
    [InlineData(LithicFraudStatus.NotFraudulent, LithicFraudStatus.Fraudulent, false)]
    [InlineData(LithicFraudStatus.NotFraudulent, LithicFraudStatus.NotFraudulent, false)]
    [InlineData(null, LithicFraudStatus.NoReportedFraud, false)]
    [InlineData(LithicFraudStatus.SuspectedFraud, LithicFraudStatus.NoReportedFraud, false)]
    public void IsAllowed_EveryPair_FollowsTheStateMachine(LithicFraudStatus? from, LithicFraudStatus to, bool allowed)
    {
        Assert.Equal(allowed, LithicFraudReportMapping.IsAllowed(from, to));
    }

    [Fact]
    public void Apply_NoReport_CreatesVersionOne()
    {
        var transition = LithicFraudReportMapping.Apply(Token, null, new(LithicFraudStatus.SuspectedFraud, LithicFraudType.CardCompromised, "skimmer"), Now, "client-1");

        Assert.Equal(FraudReportOutcome.Created, transition.Outcome);
        Assert.Equal(
            new FraudReport
            {
                TransactionToken = Token,
                Status = LithicFraudStatus.SuspectedFraud,
                Type = LithicFraudType.CardCompromised,
                Comment = "skimmer",
                CreatedAt = Now,
                UpdatedAt = Now,
                Version = 1,
                ReportedBy = "client-1",
            },
            transition.Report);
    }

    [Fact]
    public void Apply_SuspectedToFraudulentWithoutDetails_KeepsTypeAndCommentAndMovesToNextVersion()
    {
        var later = Now.AddMinutes(5);

        var transition = LithicFraudReportMapping.Apply(Token, Suspected(), new(LithicFraudStatus.Fraudulent, null, null), later, "client-2");

        Assert.Equal(FraudReportOutcome.Updated, transition.Outcome);
        Assert.Equal(LithicFraudStatus.Fraudulent, transition.Report.Status);
        Assert.Equal(LithicFraudType.AccountTakeover, transition.Report.Type);
        Assert.Equal("first look", transition.Report.Comment);
        Assert.Equal(Now, transition.Report.CreatedAt);
        Assert.Equal(later, transition.Report.UpdatedAt);
        Assert.Equal(2, transition.Report.Version);
        Assert.Equal("client-2", transition.Report.ReportedBy);
    }

    [Fact]
    public void Apply_SuspectedToNotFraudulent_ClearsTheFraudType()
    {
        var transition = LithicFraudReportMapping.Apply(Token, Suspected(), new(LithicFraudStatus.NotFraudulent, null, "cardholder confirmed"), Now.AddMinutes(1), null);

        Assert.Equal(FraudReportOutcome.Updated, transition.Outcome);
        Assert.Null(transition.Report.Type);
        Assert.Equal("cardholder confirmed", transition.Report.Comment);
    }

    [Fact]
    public void Apply_ClockBehindTheStoredVersion_StillTimesTheNewVersionAfterIt()
    {
        var transition = LithicFraudReportMapping.Apply(Token, Suspected(), new(LithicFraudStatus.Fraudulent, null, null), Now.AddSeconds(-3), null);

        Assert.Equal(Now.AddMilliseconds(1), transition.Report.UpdatedAt);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(LithicFraudType.AccountTakeover, null)]
    [InlineData(LithicFraudType.AccountTakeover, "first look")]
    [InlineData(null, "first look")]
    public void Apply_SameStatusAndDetails_IsUnchanged(LithicFraudType? type, string? comment)
    {
        var current = Suspected();

        var transition = LithicFraudReportMapping.Apply(Token, current, new(LithicFraudStatus.SuspectedFraud, type, comment), Now.AddMinutes(1), "someone-else");

        Assert.Equal(FraudReportOutcome.Unchanged, transition.Outcome);
        Assert.Same(current, transition.Report);
    }

    [Theory]
    [InlineData(LithicFraudType.IdentityTheft, null)]
    [InlineData(null, "another comment")]
    public void Apply_SameStatusOtherDetails_IsRejected(LithicFraudType? type, string? comment)
    {
        var transition = LithicFraudReportMapping.Apply(Token, Suspected(), new(LithicFraudStatus.SuspectedFraud, type, comment), Now.AddMinutes(1), null);

        Assert.Equal(FraudReportOutcome.Rejected, transition.Outcome);
        Assert.Equal("the transaction is already reported as SUSPECTED_FRAUD; it can only change to FRAUDULENT or NOT_FRAUDULENT", transition.Problem);
    }

    [Theory]
    [InlineData(LithicFraudStatus.Fraudulent, LithicFraudStatus.NotFraudulent)]
    [InlineData(LithicFraudStatus.Fraudulent, LithicFraudStatus.SuspectedFraud)]
    [InlineData(LithicFraudStatus.NotFraudulent, LithicFraudStatus.Fraudulent)]
    [InlineData(LithicFraudStatus.NotFraudulent, LithicFraudStatus.SuspectedFraud)]
    public void Apply_FromAFinalStatus_IsRejectedNamingBothStatuses(LithicFraudStatus from, LithicFraudStatus to)
    {
        var current = Suspected() with { Status = from, Type = null };

        var transition = LithicFraudReportMapping.Apply(Token, current, new(to, null, null), Now.AddMinutes(1), null);

        Assert.Equal(FraudReportOutcome.Rejected, transition.Outcome);
        Assert.Same(current, transition.Report);
        Assert.Contains("cannot change from", transition.Problem, StringComparison.Ordinal);
        Assert.EndsWith("it can no longer change", transition.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidRequest_ReturnsTheChange()
    {
        var result = new ValidationResult();

        var change = LithicFraudReportMapping.Validate(
            Token, new LithicFraudReportRequest { FraudStatus = LithicFraudStatus.Fraudulent, FraudType = LithicFraudType.IdentityTheft, Comment = "line one\nline two" }, result);

        Assert.True(result.IsValid, string.Join("; ", result.Messages));
        Assert.Equal(new FraudReportChange(LithicFraudStatus.Fraudulent, LithicFraudType.IdentityTheft, "line one\nline two"), change);
    }

    public static TheoryData<string?, LithicFraudReportRequest?, string> InvalidRequests => new()
    {
        { Token, null, "body: is required" },
        { Token, new LithicFraudReportRequest(), "fraud_status: is required" },
        { Token, new LithicFraudReportRequest { FraudStatus = LithicFraudStatus.NoReportedFraud }, "fraud_status: NO_REPORTED_FRAUD cannot be reported" },
        { Token, new LithicFraudReportRequest { FraudStatus = LithicFraudStatus.NotFraudulent, FraudType = LithicFraudType.CardCompromised }, "fraud_type: is only allowed when fraud_status is SUSPECTED_FRAUD or FRAUDULENT" },
        { Token, new LithicFraudReportRequest { FraudStatus = LithicFraudStatus.Fraudulent, Comment = new string('c', LabelLimits.TextLength + 1) }, "comment: must be at most 1024 characters" },
        { Token, new LithicFraudReportRequest { FraudStatus = LithicFraudStatus.Fraudulent, Comment = "bell\a" }, "comment: must not contain control characters" },
        { Token.ToUpperInvariant(), new LithicFraudReportRequest { FraudStatus = LithicFraudStatus.Fraudulent }, "transaction_token: must be an action token" },
        { "3fa85f64-5717-4562-b3fc-2c963f66afa6", new LithicFraudReportRequest { FraudStatus = LithicFraudStatus.Fraudulent }, "transaction_token: must be an action token" },
        { null, new LithicFraudReportRequest { FraudStatus = LithicFraudStatus.Fraudulent }, "transaction_token: must be an action token" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void Validate_Invalid_NamesTheFieldAndReturnsNoChange(string? token, LithicFraudReportRequest? request, string expected)
    {
        var result = new ValidationResult();

        var change = LithicFraudReportMapping.Validate(token, request, result);

        Assert.Null(change);
        Assert.Contains(result.Messages, message => message.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(LithicFraudStatus.SuspectedFraud, LabelType.SuspectedFraud)]
    [InlineData(LithicFraudStatus.Fraudulent, LabelType.ConfirmedFraud)]
    [InlineData(LithicFraudStatus.NotFraudulent, LabelType.ConfirmedLegit)]
    public void ToLabel_Status_MapsToLabelType(LithicFraudStatus status, LabelType type)
    {
        Assert.Equal(type, LithicFraudReportMapping.ToLabel(Suspected() with { Status = status }, "label-1").Type);
    }

    [Theory]
    [InlineData(LithicFraudType.FirstPartyFraud, LabelUseCase.FirstPartyFraud)]
    [InlineData(LithicFraudType.AccountTakeover, LabelUseCase.AccountTakeover)]
    [InlineData(LithicFraudType.IdentityTheft, LabelUseCase.IdentityTheft)]
    [InlineData(LithicFraudType.CardholderManipulation, LabelUseCase.SocialEngineering)]
    [InlineData(LithicFraudType.CardCompromised, null)]
    public void ToLabel_FraudType_MapsToUseCase(LithicFraudType type, LabelUseCase? useCase)
    {
        Assert.Equal(useCase, LithicFraudReportMapping.ToLabel(Suspected() with { Type = type }, "label-1").UseCase);
    }

    [Fact]
    public void ToLabel_Report_LabelsTheActionAtTheVersionsTime()
    {
        var report = Suspected() with { UpdatedAt = Now.AddHours(1), ReportedBy = "client-9" };

        var label = LithicFraudReportMapping.ToLabel(report, "label-1");

        Assert.Equal("label-1", label.LabelId);
        Assert.Equal(new LabelTarget(LabelSubjectType.ActionId, Token), label.Subject);
        Assert.Equal(Now.AddHours(1), label.LabeledAt);
        Assert.Equal(LabelOrigins.Lithic, label.Origin);
        Assert.Equal("client-9", label.Author);
        Assert.Equal("first look", label.Comment);
    }

    [Fact]
    public void Unreported_Token_AnswersNoReportedFraudWithoutDetails()
    {
        var report = FraudReport.Unreported(Token);

        Assert.Equal(new LithicFraudReport { TransactionToken = Token, FraudStatus = LithicFraudStatus.NoReportedFraud }, report);
    }

    private static FraudReport Suspected() => new()
    {
        TransactionToken = Token,
        Status = LithicFraudStatus.SuspectedFraud,
        Type = LithicFraudType.AccountTakeover,
        Comment = "first look",
        CreatedAt = Now,
        UpdatedAt = Now,
        Version = 1,
    };
}
