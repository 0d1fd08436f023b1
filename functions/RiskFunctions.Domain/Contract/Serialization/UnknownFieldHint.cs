using System.Text.Json.Serialization.Metadata;

namespace RiskFunctions.Domain.Contract.Serialization;

/// <summary>
/// Describes a field the contract does not have, naming the field the client most likely meant: the same name in
/// another case (field names are case-sensitive, so <c>Name</c> is not <c>name</c>), or the one field a typo or
/// two away (<c>priorty</c>, <c>ip_cidr</c>).
/// </summary>
internal static class UnknownFieldHint
{
    public const string Message = "is not a known field";

    /// <summary>The message for <paramref name="unknown"/> in an object of type <paramref name="holder"/>.</summary>
    public static string Describe(string unknown, JsonTypeInfo? holder)
    {
        if (holder is null || holder.Kind != JsonTypeInfoKind.Object)
        {
            return Message;
        }

        var known = holder.Properties.Select(p => p.Name).ToList();
        if (known.FirstOrDefault(name => string.Equals(name, unknown, StringComparison.OrdinalIgnoreCase)) is { } other)
        {
            return $"{Message} (field names are case-sensitive): did you mean {other}?";
        }

        var near = known.Where(name => IsNearMiss(unknown, name)).Take(2).ToList();
        return near.Count == 1 ? $"{Message}: did you mean {near[0]}?" : Message;
    }

    // Short names are too close to each other for a guess to be useful ("note" is two edits from both "name" and
    // "mode"): one edit is allowed from four characters on, two from eight.
    private static bool IsNearMiss(string unknown, string name)
    {
        var allowed = name.Length >= 8 ? 2 : name.Length >= 4 ? 1 : 0;
        return allowed > 0
            && Math.Abs(unknown.Length - name.Length) <= allowed
            && Distance(unknown.ToLowerInvariant(), name.ToLowerInvariant()) <= allowed;
    }

    // Edits (insertion, deletion, substitution, swap of two neighbours) between two short strings.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
