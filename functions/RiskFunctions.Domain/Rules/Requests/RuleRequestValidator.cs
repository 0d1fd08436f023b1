using System.Text;
using System.Globalization;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Values;
using RiskFunctions.Domain.Rules.Wire;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Rules.Requests;

/// <summary>
/// Checks a create or update request read from the wire and turns it into a <see cref="RuleDraft"/>. Every
/// problem is reported, each naming its field; values are normalized (CIDRs to their network address, country
/// codes to upper case, duplicates removed).
/// </summary>
/// <remarks>
/// What the JSON reader already refuses (unknown fields, at the top level and in the matcher, <c>1.5</c> or <c>"10"</c> for a priority, enum
/// spellings other than the contract's, <c>null</c> in a list) never gets here; this checks what well-typed
/// JSON can still get wrong.
/// </remarks>
public static class RuleRequestValidator
{
    /// <summary>Checks a create request (<paramref name="request"/>'s <c>id</c>, if any, is ignored).</summary>
    public static ValidationResult Validate(RuleRequest request, out RuleDraft? draft) => Validate(request, ruleId: null, out draft);

    /// <summary>
    /// Checks the request to create a rule (<paramref name="ruleId"/> <c>null</c>) or to update rule
    /// <paramref name="ruleId"/>: an update's body may carry the rule's own id, as the list of rules shows it, but
    /// no other.
    /// </summary>
    public static ValidationResult Validate(RuleRequest request, string? ruleId, out RuleDraft? draft)
    {
        ArgumentNullException.ThrowIfNull(request);
        draft = null;
        var result = new ValidationResult();
        if (ruleId is not null && request.Id is { } id && !string.Equals(id, ruleId, StringComparison.Ordinal))
        {
            result.Add("id", $"must be the id of the rule being updated ({ruleId}) or be left out");
        }

        var name = ValidateName(result, request.Name);
        if (result.Required("priority", request.Priority))
        {
            result.Range("priority", request.Priority, RuleLimits.MinPriority, RuleLimits.MaxPriority);
        }

        var matcher = result.Required("matcher", request.Matcher) ? ValidateMatcher(result, request.Matcher) : null;
        result.Required("recommendation", request.Recommendation);
        result.Required("enabled", request.Enabled);
        result.Required("mode", request.Mode);

        if (result.IsValid)
        {
            draft = new RuleDraft
            {
                Name = name,
                Priority = request.Priority!.Value,
                Matcher = matcher!,
                Recommendation = request.Recommendation!.Value,
                Enabled = request.Enabled!.Value,
                Mode = request.Mode!.Value,
            };
        }

        return result;
    }

    private static string? ValidateName(ValidationResult result, string? name)
    {
        if (name is null)
        {
            return null;
        }

        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            result.Add("name", "must not be empty (leave it out to have one generated)");
            return null;
        }

        if (!result.MaxLength("name", trimmed, RuleLimits.MaxNameLength))
        {
            return trimmed;
        }

        if (!MatcherValues.IsPrintable(trimmed))
        {
            result.Add("name", "must not contain control characters or invalid UTF-16");
        }
        else if (!trimmed.EnumerateRunes().Any(IsVisible))
        {
            result.Add("name", "must contain a visible character");
        }
        else if (trimmed.EnumerateRunes().Any(IsBidiControlOrNoncharacter))
        {
            result.Add("name", "must not contain bidirectional text controls or Unicode noncharacters");
        }

        return trimmed;
    }

    /// <summary>A name is read by people (and echoed in <c>RULE_MATCH:</c> reasons): one of nothing but spaces and invisible formatting says nothing.</summary>
    private static bool IsVisible(Rune rune) => Rune.GetUnicodeCategory(rune) is not (
        UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate);

    /// <summary>Bidirectional overrides and isolates make a name display as other text than it is; noncharacters are not text.</summary>
    private static bool IsBidiControlOrNoncharacter(Rune rune) =>
        rune.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or (>= 0xFDD0 and <= 0xFDEF) || (rune.Value & 0xFFFE) == 0xFFFE;

    private static RuleMatcher? ValidateMatcher(ValidationResult result, Matcher matcher)
    {
        var present = MatcherWire.Present(matcher);
        if (present.Count != 1)
        {
            var found = present.Count == 0
                ? "none was given"
                : "found " + string.Join(" and ", present.Select(p => MatcherKinds.WireName(p.Kind)));
            result.Add("matcher", MatcherKinds.ExactlyOneMessage + "; " + found);
            return null;
        }

        var (kind, values) = present[0];
        if (MatcherValues.TryCreateMatcher(kind, values, out var created, out var errors))
        {
            return created;
        }

        var field = FieldPath.Combine("matcher", MatcherKinds.WireName(kind));
        foreach (var error in errors)
        {
            result.Add(error.Index < 0 ? field : FieldPath.Index(field, error.Index), error.Message);
        }

        return null;
    }

    /// <summary>The name given to a rule created without one: unique because rule ids are.</summary>
    public static string GeneratedName(string ruleId) =>
        string.Create(CultureInfo.InvariantCulture, $"rule-{ruleId}");
}
