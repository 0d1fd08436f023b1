using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Where labels are recorded on an action row. A label reached through the action index is written into a slot of
/// its own subject (one property per subject the action is indexed under, so a handful at most), without reading the
/// row first: only the newest label of that subject is ever written there (see
/// <see cref="Labels.SubjectLabelRegistry"/>), so a blind write cannot replace a newer label of another subject. A
/// label on the action itself is kept in <c>LabelId</c>/<c>LabelType</c>/<c>LabeledAt</c>, written conditionally.
/// The action's label is the newest of all of them.
/// </summary>
internal static class ActionLabelSlots
{
    /// <summary>Property name prefix of subject slots.</summary>
    public const string Prefix = "LS_";

    /// <summary>The slot property of <paramref name="subject"/>: a stable hash of its index partition.</summary>
    public static string Name(string tenantId, ActionSubject subject)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ActionIndexTable.PartitionKey(tenantId, subject)));
        return Prefix + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    /// <summary>A slot's value: <c>ticks|label id|label type</c> (ticks of the UTC timestamp, exact).</summary>
    public static string Value(ActionLabelMark label) =>
        string.Join('|', label.LabeledAt.UtcTicks.ToString(CultureInfo.InvariantCulture), label.LabelId, label.LabelType);

    /// <summary>The newest label on the row: its own mark or any subject slot; null when it has none.</summary>
    public static ActionLabelMark? Newest(TableEntity entity)
    {
        ActionLabelMark? newest = entity.GetString("LabelId") is { } id && entity.GetDateTimeOffset("LabeledAt") is { } at
            ? new ActionLabelMark(id, entity.GetString("LabelType") ?? string.Empty, at)
            : null;
        foreach (var (name, value) in entity)
        {
            if (name.StartsWith(Prefix, StringComparison.Ordinal) && value is string slot && Parse(slot) is { } mark
                && mark.Supersedes(newest?.LabelId, newest?.LabeledAt))
            {
                newest = mark;
            }
        }

        return newest;
    }

    private static ActionLabelMark? Parse(string slot)
    {
        var parts = slot.Split('|', 3);
        return parts.Length == 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks is >= 0 and <= 3_155_378_975_999_999_999
            ? new ActionLabelMark(parts[1], parts[2], new DateTimeOffset(ticks, TimeSpan.Zero))
            : null;
    }
}
