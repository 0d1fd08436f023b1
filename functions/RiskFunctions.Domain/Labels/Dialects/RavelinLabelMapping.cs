using RiskFunctions.Domain.Contract.Dialects.Ravelin;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Labels.Dialects;

/// <summary>
/// Maps Ravelin's customer label (<c>POST /v2/customer/{customerId}/labels</c>) onto a label about the user:
/// each category accepts its own reviews, and the POTENTIALLY_* reviews only where enabled for the tenant.
/// </summary>
public static class RavelinLabelMapping
{
    /// <summary>The label the request describes, or <see langword="null"/> with the problems in <paramref name="result"/>.</summary>
    /// <param name="customerId">The customer from the route; becomes the USER_ID subject.</param>
    /// <param name="request">The parsed body.</param>
    /// <param name="potentialReviewsEnabled">Whether the tenant may send POTENTIALLY_FRAUDSTER and POTENTIALLY_GENUINE.</param>
    /// <param name="labelId">The id the new label gets.</param>
    /// <param name="labeledAt">When the label was received.</param>
    /// <param name="result">Collects the problems.</param>
    public static Label? Map(
        string? customerId,
        RavelinLabelRequest? request,
        bool potentialReviewsEnabled,
        string labelId,
        DateTimeOffset labeledAt,
        ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        result.Identifier("customerId", customerId, LabelLimits.SubjectValueLength);
        if (!result.Required("body", request))
        {
            return null;
        }

        var categoryOk = result.Required("category", request.Category);
        var reviewOk = result.Required("review", request.Review);
        result.MaxLength("reviewer.name", request.Reviewer?.Name, LabelLimits.TextLength);
        result.NoControlCharacters("reviewer.name", request.Reviewer?.Name);
        result.MaxLength("reviewer.email", request.Reviewer?.Email, LabelLimits.TextLength);
        result.NoControlCharacters("reviewer.email", request.Reviewer?.Email);
        result.Text("comment", request.Comment, LabelLimits.TextLength);
        (LabelType Type, LabelUseCase? UseCase)? meaning = null;
        if (categoryOk && reviewOk)
        {
            meaning = Meaning(request.Category!.Value, request.Review!.Value);
            if (meaning is null)
            {
                result.Add("review", $"{Wire(request.Review.Value)} is not a review for category {Wire(request.Category.Value)}");
            }
            else if (IsPotential(request.Review.Value) && !potentialReviewsEnabled)
            {
                result.Add("review", $"{Wire(request.Review.Value)} is not enabled for this account");
            }
        }

        if (!result.IsValid || meaning is null)
        {
            return null;
        }

        return new Label
        {
            LabelId = labelId,
            Type = meaning.Value.Type,
            Subject = new LabelTarget(LabelSubjectType.UserId, customerId!),
            UseCase = meaning.Value.UseCase,
            Source = LabelSource.ManualReview,
            LabeledAt = labeledAt,
            Origin = LabelOrigins.Ravelin,
            Author = Author(request.Reviewer),
            Comment = request.Comment,
        };
    }

    /// <summary>
    /// The colour Ravelin shows for a review: RED for fraud, AMBER for suspected fraud, GREEN for genuine or
    /// probably genuine, none for UNREVIEWED (the review withdrawn).
    /// </summary>
    public static string? ReviewBand(RavelinReview review) => review switch
    {
        RavelinReview.Fraudster or RavelinReview.RefundAbuse => "RED",
        RavelinReview.PotentiallyFraudster => "AMBER",
        RavelinReview.Genuine or RavelinReview.NotRefundAbuse or RavelinReview.PotentiallyGenuine => "GREEN",
        _ => null,
    };

    /// <summary>The category as the response spells it.</summary>
    public static RavelinResponseCategory ResponseCategory(RavelinCategory category) => category switch
    {
        RavelinCategory.RefundAbuse => RavelinResponseCategory.RefundAbuse,
        _ => RavelinResponseCategory.PaymentFraud,
    };

    /// <summary>The label type (and use case) a review means in a category; null when the review is not one of the category's.</summary>
    public static (LabelType Type, LabelUseCase? UseCase)? Meaning(RavelinCategory category, RavelinReview review) => (category, review) switch
    {
        (RavelinCategory.PaymentFraud, RavelinReview.Fraudster) => (LabelType.ConfirmedFraud, null),
        (RavelinCategory.PaymentFraud, RavelinReview.Genuine) => (LabelType.ConfirmedLegit, null),
        (RavelinCategory.PaymentFraud, RavelinReview.PotentiallyFraudster) => (LabelType.SuspectedFraud, null),
        (RavelinCategory.PaymentFraud, RavelinReview.PotentiallyGenuine) => (LabelType.Undetermined, null),
        (RavelinCategory.PaymentFraud, RavelinReview.Unreviewed) => (LabelType.Undetermined, null),
        (RavelinCategory.RefundAbuse, RavelinReview.RefundAbuse) => (LabelType.ConfirmedFraud, LabelUseCase.FirstPartyFraud),
        (RavelinCategory.RefundAbuse, RavelinReview.NotRefundAbuse) => (LabelType.ConfirmedLegit, null),
        (RavelinCategory.RefundAbuse, RavelinReview.Unreviewed) => (LabelType.Undetermined, null),
        _ => null,
    };

    private static bool IsPotential(RavelinReview review) =>
        review is RavelinReview.PotentiallyFraudster or RavelinReview.PotentiallyGenuine;

    private static string? Author(RavelinReviewer? reviewer) =>
        (reviewer?.Name, reviewer?.Email) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } email) => $"{name} <{email}>",
            ({ Length: > 0 } name, _) => name,
            (_, { Length: > 0 } email) => email,
            _ => null,
        };

    private static string Wire(RavelinReview review) => review switch
    {
        RavelinReview.Fraudster => "FRAUDSTER",
        RavelinReview.Genuine => "GENUINE",
        RavelinReview.PotentiallyFraudster => "POTENTIALLY_FRAUDSTER",
        RavelinReview.PotentiallyGenuine => "POTENTIALLY_GENUINE",
        RavelinReview.RefundAbuse => "REFUND_ABUSE",
        RavelinReview.NotRefundAbuse => "NOT_REFUND_ABUSE",
        _ => "UNREVIEWED",
    };

    private static string Wire(RavelinCategory category) =>
        category == RavelinCategory.RefundAbuse ? "REFUND_ABUSE" : "PAYMENT_FRAUD";
}
