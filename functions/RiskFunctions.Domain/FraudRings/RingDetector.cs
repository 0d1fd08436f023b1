namespace RiskFunctions.Domain.FraudRings;

/// <summary>
/// Finds rings in a set of edges. Pure and deterministic: the same edges in any order give the same rings.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Identifiers used by one user link nobody; identifiers used by more than a cap are networks, not evidence
/// (a popular fingerprint, a kiosk, a marketplace payee, carrier NAT). A payee's cap is also a share of the tenant's
/// users (<see cref="RingDetectionOptions.MaxPayeeShare"/>), so a small merchant's customers are not linked.</item>
/// <item>Strong identifiers (device, fingerprint, key, card, payee) with exactly the same users are one piece of
/// evidence: a device id and its fingerprint are the same device.</item>
/// <item>A user is a <em>core</em> user when two pieces of strong evidence or more tie them to others: one shared
/// thing is chance (a family tablet, a BIN and last-four collision, a popular phone), two independent ones are
/// an operator.</item>
/// <item>Core users are joined through the strong identifiers they own: those whose users are mostly core users
/// (<see cref="RingDetectionOptions.MinCohesion"/>). A ring owns its devices and cards; a popular fingerprint or a
/// small merchant's payee account that happens to touch a few households does not join them. A joined group with
/// <see cref="RingDetectionOptions.MinMembers"/> members and two pieces of evidence or more is a ring.</item>
/// <item>IP addresses never make a member; shared by two members they are listed as evidence.</item>
/// </list>
/// </remarks>
public sealed class RingDetector(RingDetectionOptions options)
{
    /// <summary>The rings in <paramref name="edges"/>, in a tenant of <paramref name="tenantUsers"/> users (for the payee cap; unknown: the fixed cap).</summary>
    public IReadOnlyList<DetectedRing> Detect(IEnumerable<RingEdge> edges, long? tenantUsers = null)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var linking = Linking(edges, tenantUsers);
        var strong = linking.Where(link => link.Key.Kind.IsStrong()).ToList();

        var evidenceCount = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var evidence in strong.Select(link => link.Value.Key).Distinct(StringComparer.Ordinal))
        {
            foreach (var user in evidence.Split('\n'))
            {
                evidenceCount[user] = evidenceCount.GetValueOrDefault(user) + 1;
            }
        }

        var core = evidenceCount.Where(pair => pair.Value >= 2).Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        var owned = strong.Where(link => link.Value.Users.Count(core.Contains) >= options.MinCohesion * link.Value.Users.Count).ToList();
        var components = new UnionFind();
        foreach (var (_, use) in owned)
        {
            var coreUsers = use.Users.Where(core.Contains).ToList();
            foreach (var user in coreUsers)
            {
                components.Union(coreUsers[0], user);
            }
        }

        var rings = new List<DetectedRing>();
        foreach (var group in core.GroupBy(components.Find, StringComparer.Ordinal))
        {
            if (Qualify(group.ToHashSet(StringComparer.Ordinal), owned, linking) is { } ring)
            {
                rings.Add(ring);
            }
        }

        rings.Sort((a, b) => string.CompareOrdinal(a.Members[0], b.Members[0]));
        return rings;
    }

    /// <summary>Identifiers shared by two users or more, up to the cap of their kind.</summary>
    private List<KeyValuePair<LinkEntity, EntityUse>> Linking(IEnumerable<RingEdge> edges, long? tenantUsers)
    {
        var byEntity = new Dictionary<LinkEntity, EntityUse>();
        foreach (var edge in edges)
        {
            if (!byEntity.TryGetValue(edge.Entity, out var use))
            {
                use = new EntityUse();
                byEntity.Add(edge.Entity, use);
            }

            use.Add(edge);
        }

        return [.. byEntity.Where(pair => pair.Value.Users.Count >= 2 && pair.Value.Users.Count <= options.CapFor(pair.Key.Kind, tenantUsers))];
    }

    private DetectedRing? Qualify(HashSet<string> members, List<KeyValuePair<LinkEntity, EntityUse>> owned, List<KeyValuePair<LinkEntity, EntityUse>> linking)
    {
        if (members.Count < options.MinMembers || members.Count > options.MaxMembers)
        {
            return null;
        }

        var touching = owned.Where(link => link.Value.Users.Count(members.Contains) >= 2);
        if (touching.Select(link => link.Value.Key).Distinct(StringComparer.Ordinal).Count() < options.MinStrongLinks)
        {
            return null;
        }

        var evidence = linking
            .Select(link => (link.Key, link.Value, Count: link.Value.Users.Count(members.Contains)))
            .Where(link => link.Count >= 2)
            .ToList();
        var links = evidence
            .Select(link => new RingLink(link.Key, link.Count))
            .OrderByDescending(link => link.MemberCount)
            .ThenBy(link => link.Entity.Kind)
            .ThenBy(link => link.Entity.Value, StringComparer.Ordinal)
            .ToList();
        return new DetectedRing(
            [.. members.Order(StringComparer.Ordinal)],
            links,
            evidence.Min(link => link.Value.FirstSeen),
            evidence.Max(link => link.Value.LastSeen));
    }

    private sealed class EntityUse
    {
        private string? _key;

        public SortedSet<string> Users { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset FirstSeen { get; private set; } = DateTimeOffset.MaxValue;

        public DateTimeOffset LastSeen { get; private set; } = DateTimeOffset.MinValue;

        /// <summary>The users, as one string: identifiers with the same key are one piece of evidence.</summary>
        public string Key => _key ??= string.Join('\n', Users);

        public void Add(RingEdge edge)
        {
            Users.Add(edge.UserId);
            _key = null;
            FirstSeen = edge.SeenAt < FirstSeen ? edge.SeenAt : FirstSeen;
            LastSeen = edge.SeenAt > LastSeen ? edge.SeenAt : LastSeen;
        }
    }

    /// <summary>Disjoint sets of users; the root of a set is its ordinally smallest member, so results do not depend on order.</summary>
    private sealed class UnionFind
    {
        private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

        public string Find(string user)
        {
            var root = user;
            while (_parent.TryGetValue(root, out var parent) && !string.Equals(parent, root, StringComparison.Ordinal))
            {
                root = parent;
            }

            while (!string.Equals(user, root, StringComparison.Ordinal) && _parent.TryGetValue(user, out var next))
            {
                _parent[user] = root;
                user = next;
            }

            return root;
        }

        public void Union(string a, string b)
        {
            var (rootA, rootB) = (Find(a), Find(b));
            if (string.Equals(rootA, rootB, StringComparison.Ordinal))
            {
                return;
            }

            if (string.CompareOrdinal(rootA, rootB) < 0)
            {
                _parent[rootB] = rootA;
            }
            else
            {
                _parent[rootA] = rootB;
            }
        }
    }
}
