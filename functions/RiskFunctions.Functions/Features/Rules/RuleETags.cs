using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using RiskFunctions.Storage.Rules;

namespace RiskFunctions.Functions.Features.Rules;

/// <summary>
/// A rule's <c>ETag</c> names its revision (<c>"3"</c>), and <c>If-Match</c> on a change names the revisions it may
/// be made to (RFC 9110 §13.1.1): <c>*</c> (the rule exists) or a list of entity tags compared strongly, so a weak
/// tag or one this service never issued matches no revision.
/// </summary>
internal static class RuleETags
{
    public const string IfMatchField = "if-match";

    /// <summary>What a header that <see cref="TryParseIfMatch"/> cannot read is told.</summary>
    public const string MalformedIfMatch = "must be * or a list of entity tags, each quoted as the rule's ETag gives it (\"3\")";

    /// <summary>The entity tag of a rule at <paramref name="revision"/>.</summary>
    public static string Format(long revision) => "\"" + revision.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// Reads <c>If-Match</c>: true with no condition when it is absent or <c>*</c>, true with the revisions it names
    /// otherwise, false when it is not <c>*</c> alone or a list of entity tags.
    /// </summary>
    public static bool TryParseIfMatch(StringValues headers, out RuleRevisionCondition? condition)
    {
        condition = null;
        if (headers.Count == 0)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(headers, out var tags) || tags.Count == 0)
        {
            return false;
        }

        if (tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any)))
        {
            return tags.Count == 1;
        }

        condition = new RuleRevisionCondition([.. tags.Where(tag => !tag.IsWeak).Select(tag => Revision(tag.Tag)).OfType<long>()]);
        return true;
    }

    /// <summary>
    /// The revision a strong tag names, or null for one <see cref="Format"/> never gives: strong comparison is
    /// character by character, so <c>"01"</c> names no revision.
    /// </summary>
    private static long? Revision(StringSegment quoted)
    {
        var opaque = quoted.Subsegment(1, quoted.Length - 2).AsSpan();
        return (opaque is ['0'] || opaque is [>= '1' and <= '9', ..])
            && long.TryParse(opaque, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : null;
    }
}
