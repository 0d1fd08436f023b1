using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Labels;

/// <summary>Checks a <c>POST /label</c> body and turns it into a <see cref="Label"/>, naming every bad field.</summary>
public static class LabelRequestValidator
{
    /// <summary>
    /// The label the request describes, or <see langword="null"/> with the problems in <paramref name="result"/>.
    /// </summary>
    /// <param name="request">The parsed body (null for an empty body).</param>
    /// <param name="labelId">The id the new label gets.</param>
    /// <param name="labeledAt">The label's timestamp: the time it was received.</param>
    /// <param name="result">Collects the problems.</param>
    public static Label? Validate(LabelRequest? request, string labelId, DateTimeOffset labeledAt, ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Required("body", request))
        {
            return null;
        }

        result.Required("label_type", request.LabelType);
        var target = ValidateSubject(request.Subject, result);
        if (!result.IsValid || target is null)
        {
            return null;
        }

        return new Label
        {
            LabelId = labelId,
            Type = request.LabelType!.Value.Canonical(),
            Subject = target,
            UseCase = request.UseCase,
            Source = request.Source,
            LabeledAt = labeledAt,
        };
    }

    /// <summary>Checks a subject: its type and value, and the fields only some subject types may carry.</summary>
    public static LabelTarget? ValidateSubject(LabelSubject? subject, ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Required("subject", subject))
        {
            return null;
        }

        var typeOk = result.Required("subject.type", subject.Type);
        var valueOk = result.Identifier("subject.value", subject.Value, LabelLimits.SubjectValueLength);
        if (!typeOk)
        {
            return null;
        }

        var type = subject.Type!.Value;
        if (type != LabelSubjectType.FraudRingId)
        {
            valueOk &= result.OnlyAllowed("subject.recommendations", subject.Recommendations is not null, "when subject.type is FRAUD_RING_ID");
        }
        else if (subject.Recommendations is { Count: 0 })
        {
            valueOk = result.Add("subject.recommendations", "must not be empty when present");
        }

        if (type != LabelSubjectType.CampaignId)
        {
            valueOk &= result.OnlyAllowed("subject.is_campaign_confirmed", subject.IsCampaignConfirmed is not null, "when subject.type is CAMPAIGN_ID");
        }

        if (valueOk && !ValueFitsType(type, subject.Value!, result))
        {
            valueOk = false;
        }

        return valueOk
            ? new LabelTarget(type, subject.Value!, subject.Recommendations?.Distinct().ToArray(), subject.IsCampaignConfirmed)
            : null;
    }

    /// <summary>
    /// What is wrong with <paramref name="value"/> as a subject of <paramref name="type"/>, or null when it has the shape the
    /// type needs (an action token for ACTION_ID, an address for IP_ADDRESS). Every API that labels such a subject, native
    /// or dialect, checks it before storing the label: propagation cannot look up a malformed one, so each delivery of the
    /// label would fail until it is dead-lettered.
    /// </summary>
    public static string? SubjectValueProblem(LabelSubjectType type, string value) => type switch
    {
        LabelSubjectType.ActionId when !ActionToken.IsWellFormed(value) => $"must be an action token ({ActionToken.Length} lower-case hex digits)",
        LabelSubjectType.IpAddress when !IpAddressValue.TryParse(value, out _) => "must be an IPv4 or IPv6 address",
        _ => null,
    };

    private static bool ValueFitsType(LabelSubjectType type, string value, ValidationResult result) =>
        SubjectValueProblem(type, value) is not { } problem
        || result.Add("subject.value", $"{problem} when subject.type is {WireEnum<LabelSubjectType>.GetName(type)}");
}
