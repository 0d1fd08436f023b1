namespace RiskFunctions.Functions.Features.Import;

/// <summary>
/// Splits a checked batch into what may run at once. Labels are barriers: every line before a label is applied before
/// it, every line after it after its propagation, so later actions are scored with the reputation it gave. Between
/// two labels, lines that share a user, a device or an action (an action and its results) form one group, applied in
/// order; different groups share none of these and are applied in parallel.
/// </summary>
internal static class ImportSchedule
{
    /// <summary>The segments of <paramref name="steps"/> in order: a label alone, or the groups of the lines between two labels (indexes into <paramref name="steps"/>, each group in order).</summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<int>>> Segments(IReadOnlyList<ImportStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var segments = new List<IReadOnlyList<IReadOnlyList<int>>>();
        var start = 0;
        for (var i = 0; i <= steps.Count; i++)
        {
            if (i < steps.Count && steps[i] is not ImportLabelStep)
            {
                continue;
            }

            if (i > start)
            {
                segments.Add(Groups(steps, start, i));
            }

            if (i < steps.Count)
            {
                segments.Add([[i]]);
            }

            start = i + 1;
        }

        return segments;
    }

    private static List<IReadOnlyList<int>> Groups(IReadOnlyList<ImportStep> steps, int start, int end)
    {
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        var parent = Enumerable.Range(0, end - start).ToArray();
        for (var i = start; i < end; i++)
        {
            foreach (var key in KeysOf(steps[i]))
            {
                if (owner.TryGetValue(key, out var other))
                {
                    Union(parent, i - start, other);
                }
                else
                {
                    owner[key] = i - start;
                }
            }
        }

        var groups = new Dictionary<int, List<int>>();
        for (var i = start; i < end; i++)
        {
            var root = Find(parent, i - start);
            if (!groups.TryGetValue(root, out var group))
            {
                groups[root] = group = [];
            }

            group.Add(i);
        }

        // Largest first, so the longest chain of dependent lines starts at once.
        return [.. groups.Values.OrderByDescending(group => group.Count).ThenBy(group => group[0])];
    }

    private static IEnumerable<string> KeysOf(ImportStep step)
    {
        var (token, subjects) = step switch
        {
            ImportActionStep action => (action.ActionToken, new ImportSubjects(action.Request.UserId ?? action.Request.ClaimedUserId, action.Request.Context?.DeviceId)),
            ImportResultStep result => (result.ActionToken, result.ActionSubjects),
            _ => (null, ImportSubjects.None),
        };
        if (token is not null)
        {
            yield return "a\n" + token;
        }

        if (subjects.UserId is { } user)
        {
            yield return "u\n" + user;
        }

        if (step is ImportResultStep { Request.UserId: { } bound })
        {
            // A result that binds an anonymous action to a user joins the user's lines.
            yield return "u\n" + bound;
        }

        if (subjects.DeviceId is { } device)
        {
            yield return "d\n" + device;
        }
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var (rootA, rootB) = (Find(parent, a), Find(parent, b));
        if (rootA != rootB)
        {
            // The smaller index stays the root, so a group's order never depends on the union order.
            parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
    }
}
