using System.Globalization;
using Azure.Data.Tables;

namespace RiskFunctions.Storage.Rules;

/// <summary>
/// Which batch of each writer a hit counter row already holds: a property <c>F_&lt;writer id&gt;</c> per writer,
/// <c>&lt;write number&gt;:&lt;flush id&gt;</c>, written by the same Replace that adds the batch's counts and carried
/// over by every later one. Because a writer sends a rule's next batch only after the previous one was acknowledged,
/// a batch is already added exactly when its writer's mark names it.
/// </summary>
/// <remarks>
/// The write number (one more than the highest on the row) orders the marks, so that when <see cref="MaxMarks"/>
/// would be exceeded the mark of the writer that wrote least recently goes. That writer's retry, should it still
/// have a batch whose answer was lost, would then be added a second time: counting stays exact as long as fewer
/// than <see cref="MaxMarks"/> other writers write the row between a batch's write and its retry.
/// </remarks>
internal static class RuleHitFlushMarks
{
    /// <summary>
    /// Most marks on a row: writers (processes) that wrote it and are still remembered. Well under the service's
    /// <see cref="TableSupport.TableEntityLimits.MaxCustomProperties"/>, which the counts' own properties share.
    /// </summary>
    public const int MaxMarks = 200;

    private const string Prefix = "F_";
    private const char Separator = ':';

    /// <summary>Whether <paramref name="row"/> already holds <paramref name="flush"/>'s counts.</summary>
    public static bool Holds(TableEntity row, RuleHitFlush flush) =>
        row.GetString(PropertyName(flush.WriterId)) is { } mark && FlushId(mark) == flush.FlushId;

    /// <summary>Copies <paramref name="previous"/>'s marks to <paramref name="next"/>, sets <paramref name="flush"/>'s, and drops the least recent beyond <see cref="MaxMarks"/>.</summary>
    public static void Write(TableEntity? previous, TableEntity next, RuleHitFlush flush)
    {
        var own = PropertyName(flush.WriterId);
        var marks = previous is null
            ? []
            : previous.Keys.Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
                .ToDictionary(name => name, name => previous.GetString(name) ?? string.Empty, StringComparer.Ordinal);
        var writeNumber = marks.Values.Select(WriteNumber).DefaultIfEmpty(0).Max() + 1;
        foreach (var (name, mark) in marks.Where(other => other.Key != own).OrderByDescending(other => WriteNumber(other.Value)).Take(MaxMarks - 1))
        {
            next[name] = mark;
        }

        next[own] = string.Create(CultureInfo.InvariantCulture, $"{writeNumber}{Separator}{flush.FlushId}");
    }

    private static string PropertyName(string writerId)
    {
        // The id becomes part of a property name, which allows letters, digits and underscores only.
        if (writerId.Length is 0 or > 32 || !writerId.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("A writer id is 1 to 32 ASCII letters or digits.", nameof(writerId));
        }

        return Prefix + writerId;
    }

    private static long WriteNumber(string mark) =>
        long.TryParse(mark.AsSpan(0, Math.Max(mark.IndexOf(Separator, StringComparison.Ordinal), 0)), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static string FlushId(string mark) => mark[(mark.IndexOf(Separator, StringComparison.Ordinal) + 1)..];
}
