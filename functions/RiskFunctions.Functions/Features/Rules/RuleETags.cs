using System.Globalization;
using Microsoft.Extensions.Primitives;
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

    /// <summary>The entity tag of a rule at <paramref name="revision"/>.</summary>
    public static string Format(long revision) => "\"" + revision.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// Reads <c>If-Match</c>: true with no condition when it is absent or <c>*</c>, true with the revisions it names
    /// otherwise, false when it is not <c>*</c> or a list of entity tags.
    /// </summary>
    public static bool TryParseIfMatch(StringValues headers, out RuleRevisionCondition? condition)
    {
        condition = null;
        if (headers.Count == 0)
        {
            return true;
        }

        var text = string.Join(',', headers.ToArray());
        if (text.Trim() == "*")
        {
            return true;
        }

        var revisions = new List<long>();
        var index = 0;
        var tags = 0;
        while (true)
        {
            index = SkipListSeparators(text, index);
            if (index == text.Length)
            {
                break;
            }

            var weak = text.AsSpan(index).StartsWith("W/", StringComparison.Ordinal);
            var open = weak ? index + 2 : index;
            if (open >= text.Length || text[open] != '"')
            {
                return false;
            }

            var close = open + 1;
            while (close < text.Length && IsETagChar(text[close]))
            {
                close++;
            }

            if (close == text.Length || text[close] != '"')
            {
                return false;
            }

            var opaque = text.AsSpan(open + 1, close - open - 1);
            // Strong comparison is character by character: only the spelling Format gives names a revision.
            if (!weak && (opaque is ['0'] || opaque is [not '0', ..])
                && long.TryParse(opaque, NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
            {
                revisions.Add(revision);
            }

            tags++;
            index = close + 1;
            var next = SkipWhitespace(text, index);
            if (next < text.Length && text[next] != ',')
            {
                return false;
            }

            index = next;
        }

        if (tags == 0)
        {
            return false;
        }

        condition = new RuleRevisionCondition(revisions);
        return true;
    }

    private static int SkipWhitespace(string text, int index)
    {
        while (index < text.Length && text[index] is ' ' or '\t')
        {
            index++;
        }

        return index;
    }

    private static int SkipListSeparators(string text, int index)
    {
        while (index < text.Length && text[index] is ' ' or '\t' or ',')
        {
            index++;
        }

        return index;
    }

    /// <summary><c>etagc</c>: any visible character but the double quote, and obs-text.</summary>
    private static bool IsETagChar(char c) => c == '!' || (c >= '#' && c <= '~') || c >= '\u0080';
}
