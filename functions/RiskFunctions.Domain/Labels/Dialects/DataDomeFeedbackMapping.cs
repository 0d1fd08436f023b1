using RiskFunctions.Domain.Contract.Dialects.DataDome;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Labels.Dialects;

/// <summary>
/// Maps DataDome Account Protect feedback (<c>POST /v1/feedback</c>) onto a label: an event becomes the action it
/// scored (ACTION_ID; <c>eventId</c> is the action token trigger-action returned), an account or user id the user
/// (USER_ID). <c>delete</c> retracts earlier feedback with an UNDETERMINED label, which as the newest label clears their effect.
/// </summary>
public static class DataDomeFeedbackMapping
{
    /// <summary>Earliest accepted <c>decisionTime</c>: 2000-01-01T00:00:00Z in epoch milliseconds.</summary>
    public const long MinDecisionTime = 946_684_800_000;

    /// <summary>How far in the future a <c>decisionTime</c> may lie (clock skew).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The label the feedback describes, or <see langword="null"/> with the problems in <paramref name="result"/>.</summary>
    /// <param name="request">The parsed body.</param>
    /// <param name="labelId">The id the new label gets.</param>
    /// <param name="receivedAt">When the feedback arrived: the label's time.</param>
    /// <param name="result">Collects the problems.</param>
    public static Label? Map(DataDomeFeedbackRequest? request, string labelId, DateTimeOffset receivedAt, ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Required("body", request))
        {
            return null;
        }

        var subject = Subject(request, result);
        var decisionOk = result.Required("decision", request.Decision);
        var originOk = result.Required("origin", request.Origin);
        if (request.DecisionTime is not null)
        {
            result.Range("decisionTime", request.DecisionTime, MinDecisionTime, (receivedAt + MaxClockSkew).ToUnixTimeMilliseconds());
        }

        result.Text("decisionReason", request.DecisionReason, LabelLimits.TextLength);
        result.MaxLength("originId", request.OriginId, LabelLimits.TextLength);
        result.NoControlCharacters("originId", request.OriginId);
        if (!result.IsValid || subject is null || !decisionOk || !originOk)
        {
            return null;
        }

        return new Label
        {
            LabelId = labelId,
            Type = Type(request.Decision!.Value),
            Subject = subject,
            Source = Source(request.Origin!.Value),
            // Receipt time, like every other label: the newest label received decides, so a delete sent now retracts
            // earlier feedback whatever decisionTime it carries.
            LabeledAt = receivedAt,
            Origin = LabelOrigins.DataDome,
            Author = request.OriginId,
            Comment = request.DecisionReason,
        };
    }

    /// <summary>The label type a decision means.</summary>
    public static LabelType Type(DataDomeDecision decision) => decision switch
    {
        DataDomeDecision.Allow => LabelType.ConfirmedLegit,
        DataDomeDecision.Challenge => LabelType.SuspectedFraud,
        DataDomeDecision.Deny => LabelType.ConfirmedFraud,
        DataDomeDecision.Review or DataDomeDecision.Delete => LabelType.Undetermined,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown decision."),
    };

    /// <summary>The label source an origin means; automated rules and DataDome itself count as another vendor's verdict.</summary>
    public static LabelSource? Source(DataDomeOrigin origin) => origin switch
    {
        DataDomeOrigin.ManualReview or DataDomeOrigin.Dashboard => LabelSource.ManualReview,
        DataDomeOrigin.Chargebacks => LabelSource.Chargebacks,
        DataDomeOrigin.AutomatedRule or DataDomeOrigin.DataDome => LabelSource.OtherVendors,
        _ => null,
    };

    private static LabelTarget? Subject(DataDomeFeedbackRequest request, ValidationResult result)
    {
        var given = new[] { ("eventId", request.EventId), ("account", request.Account), ("userId", request.UserId) }
            .Where(field => field.Item2 is not null)
            .ToList();
        if (given.Count != 1)
        {
            result.Add(given.Count == 0 ? "eventId" : given[1].Item1, "exactly one of eventId, account and userId is required");
            return null;
        }

        var (field, value) = given[0];
        if (!result.Identifier(field, value, LabelLimits.SubjectValueLength))
        {
            return null;
        }

        // Checked as POST /label checks a subject: an event that is not an action token would be stored and then fail
        // every propagation attempt.
        var type = field == "eventId" ? LabelSubjectType.ActionId : LabelSubjectType.UserId;
        if (LabelRequestValidator.SubjectValueProblem(type, value) is { } problem)
        {
            result.Add(field, problem);
            return null;
        }

        return new LabelTarget(type, value);
    }
}
