using RiskFunctions.Domain.Contract.Dialects.Ravelin;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Labels.Dialects;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Tests.Labels.Dialects;

public sealed class RavelinLabelMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(RavelinCategory.PaymentFraud, RavelinReview.Fraudster, LabelType.ConfirmedFraud, null)]
    [InlineData(RavelinCategory.PaymentFraud, RavelinReview.Genuine, LabelType.ConfirmedLegit, null)]
    [InlineData(RavelinCategory.PaymentFraud, RavelinReview.PotentiallyFraudster, LabelType.SuspectedFraud, null)]
    [InlineData(RavelinCategory.PaymentFraud, RavelinReview.PotentiallyGenuine, LabelType.Undetermined, null)]
    [InlineData(RavelinCategory.PaymentFraud, RavelinReview.Unreviewed, LabelType.Undetermined, null)]
    [InlineData(RavelinCategory.RefundAbuse, RavelinReview.RefundAbuse, LabelType.ConfirmedFraud, LabelUseCase.FirstPartyFraud)]
    [InlineData(RavelinCategory.RefundAbuse, RavelinReview.NotRefundAbuse, LabelType.ConfirmedLegit, null)]
    [InlineData(RavelinCategory.RefundAbuse, RavelinReview.Unreviewed, LabelType.Undetermined, null)]
    public void Map_ReviewOfItsCategory_MapsToLabelAboutTheUser(RavelinCategory category, RavelinReview review, LabelType type, LabelUseCase? useCase)
    {
        var label = Map(new RavelinLabelRequest { Category = category, Review = review }, potential: true, out var result);

        Assert.True(result.IsValid, string.Join("; ", result.Messages));
        Assert.Equal(type, label!.Type);
        Assert.Equal(useCase, label.UseCase);
        Assert.Equal(new LabelTarget(LabelSubjectType.UserId, "cust-1"), label.Subject);
        Assert.Equal(LabelSource.ManualReview, label.Source);
        Assert.Equal(LabelOrigins.Ravelin, label.Origin);
        Assert.Equal(Now, label.LabeledAt);
    }

    [Theory]
    [InlineData(RavelinCategory.PaymentFraud, RavelinReview.RefundAbuse)]
    [InlineData(RavelinCategory.PaymentFraud, RavelinReview.NotRefundAbuse)]
    [InlineData(RavelinCategory.RefundAbuse, RavelinReview.Fraudster)]
    [InlineData(RavelinCategory.RefundAbuse, RavelinReview.Genuine)]
    [InlineData(RavelinCategory.RefundAbuse, RavelinReview.PotentiallyFraudster)]
    [InlineData(RavelinCategory.RefundAbuse, RavelinReview.PotentiallyGenuine)]
    public void Map_ReviewOfAnotherCategory_IsRejected(RavelinCategory category, RavelinReview review)
    {
        var label = Map(new RavelinLabelRequest { Category = category, Review = review }, potential: true, out var result);

        Assert.Null(label);
        Assert.Equal("review", Assert.Single(result.Errors).Field);
        Assert.Contains("is not a review for category", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RavelinReview.PotentiallyFraudster)]
    [InlineData(RavelinReview.PotentiallyGenuine)]
    public void Map_PotentialReviewNotEnabled_IsRejected(RavelinReview review)
    {
        var label = Map(new RavelinLabelRequest { Category = RavelinCategory.PaymentFraud, Review = review }, potential: false, out var result);

        Assert.Null(label);
        Assert.Contains("not enabled", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_MissingCategoryAndReview_NamesBoth()
    {
        var label = Map(new RavelinLabelRequest(), potential: true, out var result);

        Assert.Null(label);
        Assert.Equal(["category", "review"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Map_NoBody_IsRejected()
    {
        var result = new ValidationResult();

        Assert.Null(RavelinLabelMapping.Map("cust-1", null, true, "id", Now, result));
        Assert.Equal("body", Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\u0001b")]
    public void Map_BadCustomerId_IsRejected(string customerId)
    {
        var result = new ValidationResult();
        var request = new RavelinLabelRequest { Category = RavelinCategory.PaymentFraud, Review = RavelinReview.Fraudster };

        Assert.Null(RavelinLabelMapping.Map(customerId, request, true, "id", Now, result));
        Assert.Equal("customerId", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Map_TooLongComment_IsRejected()
    {
        var request = new RavelinLabelRequest
        {
            Category = RavelinCategory.PaymentFraud,
            Review = RavelinReview.Fraudster,
            Comment = new string('x', LabelLimits.TextLength + 1),
        };

        Assert.Null(Map(request, potential: true, out var result));
        Assert.Equal("comment", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Map_ControlCharactersInCommentOrReviewer_AreRejectedButLineBreaksInTheCommentAreNot()
    {
        var request = new RavelinLabelRequest
        {
            Category = RavelinCategory.PaymentFraud,
            Review = RavelinReview.Fraudster,
            Reviewer = new RavelinReviewer { Name = "Ann\u0000", Email = "ann@example.com\r\nBcc: x" },
            Comment = "stolen\u0007 card",
        };

        Assert.Null(Map(request, potential: true, out var result));
        Assert.Equal(["reviewer.name", "reviewer.email", "comment"], result.Errors.Select(e => e.Field));
        Assert.NotNull(Map(request with { Reviewer = null, Comment = "stolen card\r\n\tsee case 7" }, potential: true, out _));
    }

    [Theory]
    [InlineData("Ann", "ann@example.com", "Ann <ann@example.com>")]
    [InlineData("Ann", null, "Ann")]
    [InlineData(null, "ann@example.com", "ann@example.com")]
    [InlineData(null, null, null)]
    public void Map_Reviewer_BecomesAuthor(string? name, string? email, string? author)
    {
        var request = new RavelinLabelRequest
        {
            Category = RavelinCategory.PaymentFraud,
            Review = RavelinReview.Fraudster,
            Reviewer = new RavelinReviewer { Name = name, Email = email },
            Comment = "chargeback pattern",
        };

        var label = Map(request, potential: false, out _);

        Assert.Equal(author, label!.Author);
        Assert.Equal("chargeback pattern", label.Comment);
    }

    [Theory]
    [InlineData(RavelinReview.Fraudster, "RED")]
    [InlineData(RavelinReview.RefundAbuse, "RED")]
    [InlineData(RavelinReview.PotentiallyFraudster, "AMBER")]
    [InlineData(RavelinReview.Genuine, "GREEN")]
    [InlineData(RavelinReview.NotRefundAbuse, "GREEN")]
    [InlineData(RavelinReview.PotentiallyGenuine, "GREEN")]
    [InlineData(RavelinReview.Unreviewed, null)]
    public void ReviewBand_EachReview_HasItsColour(RavelinReview review, string? band) =>
        Assert.Equal(band, RavelinLabelMapping.ReviewBand(review));

    private static Label? Map(RavelinLabelRequest request, bool potential, out ValidationResult result)
    {
        result = new ValidationResult();
        return RavelinLabelMapping.Map("cust-1", request, potential, "label-1", Now, result);
    }
}
