using RiskFunctions.Domain.Actions;
using RiskFunctions.Domain.Contract.Dialects.Lithic;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Labels.Dialects;

/// <summary>
/// Lithic's fraud reports (<c>POST /v1/fraud/transactions/{transaction_token}</c>): validation, the report's state
/// machine and the label each report version becomes. A transaction without a report may get any status;
/// SUSPECTED_FRAUD may graduate to FRAUDULENT or NOT_FRAUDULENT; every other change is rejected. Repeating what the
/// report says already changes nothing, so a retried request is harmless.
/// </summary>
public static class LithicFraudReportMapping
{
    private const string StatusField = "fraud_status";

    /// <summary>The change the request asks for, or <see langword="null"/> with the problems in <paramref name="result"/>.</summary>
    /// <param name="transactionToken">The token from the route: an action token.</param>
    /// <param name="request">The parsed body.</param>
    /// <param name="result">Collects the problems.</param>
    public static FraudReportChange? Validate(string? transactionToken, LithicFraudReportRequest? request, ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ValidateToken(transactionToken, result);
        if (!result.Required("body", request))
        {
            return null;
        }

        if (result.Required(StatusField, request.FraudStatus) && request.FraudStatus == LithicFraudStatus.NoReportedFraud)
        {
            result.Add(StatusField, "NO_REPORTED_FRAUD cannot be reported; send SUSPECTED_FRAUD, FRAUDULENT or NOT_FRAUDULENT");
        }

        if (request.FraudType is not null)
        {
            result.OnlyAllowed("fraud_type", request.FraudStatus == LithicFraudStatus.NotFraudulent, "when fraud_status is SUSPECTED_FRAUD or FRAUDULENT");
        }

        result.Text("comment", request.Comment, LabelLimits.TextLength);

        return result.IsValid ? new FraudReportChange(request.FraudStatus!.Value, request.FraudType, request.Comment) : null;
    }

    /// <summary>Checks the route's transaction token: the token of an action of this service.</summary>
    public static bool ValidateToken(string? transactionToken, ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ActionToken.IsWellFormed(transactionToken)
            || result.Add("transaction_token", $"must be an action token ({ActionToken.Length} lower-case hex digits)");
    }

    /// <summary>
    /// Whether the state machine allows moving from <paramref name="current"/> (null: no report yet) to
    /// <paramref name="next"/>. Staying in a status is not a transition; see <see cref="Apply"/>.
    /// </summary>
    public static bool IsAllowed(LithicFraudStatus? current, LithicFraudStatus next) => (current, next) switch
    {
        (_, LithicFraudStatus.NoReportedFraud) => false,
        (null, _) => true,
        (LithicFraudStatus.SuspectedFraud, LithicFraudStatus.Fraudulent or LithicFraudStatus.NotFraudulent) => true,
        _ => false,
    };

    /// <summary>
    /// Applies <paramref name="change"/> to the transaction's <paramref name="current"/> report (null: none yet).
    /// Details not sent keep their values, except that NOT_FRAUDULENT has no fraud type.
    /// </summary>
    /// <param name="transactionToken">The transaction.</param>
    /// <param name="current">The stored report, or null.</param>
    /// <param name="change">The validated request.</param>
    /// <param name="now">When the change is made.</param>
    /// <param name="reportedBy">The client making it, for the audit trail.</param>
    public static FraudReportTransition Apply(string transactionToken, FraudReport? current, FraudReportChange change, DateTimeOffset now, string? reportedBy)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionToken);
        ArgumentNullException.ThrowIfNull(change);
        var type = change.Status == LithicFraudStatus.NotFraudulent ? null : change.Type ?? current?.Type;
        var comment = change.Comment ?? current?.Comment;
        if (current is null)
        {
            return new FraudReportTransition(FraudReportOutcome.Created, new FraudReport
            {
                TransactionToken = transactionToken,
                Status = change.Status,
                Type = type,
                Comment = comment,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
                ReportedBy = reportedBy,
            });
        }

        if (current.Status == change.Status)
        {
            return type == current.Type && string.Equals(comment, current.Comment, StringComparison.Ordinal)
                ? new FraudReportTransition(FraudReportOutcome.Unchanged, current)
                : new FraudReportTransition(FraudReportOutcome.Rejected, current, $"the transaction is already reported as {Wire(current.Status)}; {AllowedFrom(current.Status)}");
        }

        if (!IsAllowed(current.Status, change.Status))
        {
            return new FraudReportTransition(FraudReportOutcome.Rejected, current, $"cannot change from {Wire(current.Status)} to {Wire(change.Status)}; {AllowedFrom(current.Status)}");
        }

        return new FraudReportTransition(FraudReportOutcome.Updated, current with
        {
            Status = change.Status,
            Type = type,
            Comment = comment,
            // Strictly after the version it replaces, even if this instance's clock is behind the one that wrote
            // it: the newer label on a subject decides, so the order of the labels must be the order of the versions.
            UpdatedAt = now > current.UpdatedAt ? now : current.UpdatedAt.AddMilliseconds(1),
            Version = current.Version + 1,
            ReportedBy = reportedBy,
        });
    }

    /// <summary>The label a report version becomes: about the transaction's action, timed when the version was reported.</summary>
    public static Label ToLabel(FraudReport report, string labelId)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new Label
        {
            LabelId = labelId,
            Type = Type(report.Status),
            Subject = new LabelTarget(LabelSubjectType.ActionId, report.TransactionToken),
            UseCase = report.Type is { } type ? UseCase(type) : null,
            LabeledAt = report.UpdatedAt,
            Origin = LabelOrigins.Lithic,
            Author = report.ReportedBy,
            Comment = report.Comment,
        };
    }

    /// <summary>The label type a reported status means.</summary>
    public static LabelType Type(LithicFraudStatus status) => status switch
    {
        LithicFraudStatus.SuspectedFraud => LabelType.SuspectedFraud,
        LithicFraudStatus.Fraudulent => LabelType.ConfirmedFraud,
        LithicFraudStatus.NotFraudulent => LabelType.ConfirmedLegit,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a reportable status."),
    };

    /// <summary>
    /// The label use case of a fraud type. A compromised card (stolen, skimmed or leaked card details) has no
    /// counterpart among the use cases, so its label carries none.
    /// </summary>
    public static LabelUseCase? UseCase(LithicFraudType type) => type switch
    {
        LithicFraudType.FirstPartyFraud => LabelUseCase.FirstPartyFraud,
        LithicFraudType.AccountTakeover => LabelUseCase.AccountTakeover,
        LithicFraudType.IdentityTheft => LabelUseCase.IdentityTheft,
        LithicFraudType.CardholderManipulation => LabelUseCase.SocialEngineering,
        _ => null,
    };

    private static string AllowedFrom(LithicFraudStatus status) => status == LithicFraudStatus.SuspectedFraud
        ? "it can only change to FRAUDULENT or NOT_FRAUDULENT"
        : "it can no longer change";

    private static string Wire(LithicFraudStatus status) => WireEnum<LithicFraudStatus>.GetName(status);
}
