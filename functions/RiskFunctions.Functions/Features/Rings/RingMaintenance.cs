using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Activity;
using RiskFunctions.Domain.FraudRings;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.FraudRings;

namespace RiskFunctions.Functions.Features.Rings;

/// <summary>
/// Takes a tenant's new actions into the ring graph: records their edges, which reads who else used each identifier
/// and what each of their users used, and counts the users new to the graph (the tenant's size sets the payee cap,
/// <see cref="RingDetectionOptions.MaxPayeeShare"/>); reads the rest of the neighbourhood the new edges touch
/// (everything the other users of a shared identifier used, then who else used that), runs the detector over
/// it, and records each ring found there: id (kept as it grows, the oldest kept as rings merge), members, evidence,
/// span, memberships, and the members' actions in the action index under the ring. Every step is idempotent, so a
/// run repeated after a crash leaves what one run leaves.
/// </summary>
public sealed class RingMaintenance(
    RingGraph graph,
    FraudRingRepository rings,
    ActionIndexRepository index,
    IOptions<RingsOptions> options)
{
    /// <summary>Storage reads of the neighbourhood in flight at once, as the repository's own parallel writes.</summary>
    private const int ReadConcurrency = 16;

    public async Task<int> ProcessAsync(string tenantId, IReadOnlyList<ActivityRecord> actions, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var newEdges = actions.SelectMany(RingEdges.Of).ToList();
        if (newEdges.Count == 0)
        {
            return 0;
        }

        var recorded = await graph.RecordAsync(tenantId, newEdges, cancellationToken).ConfigureAwait(false);
        var seeds = newEdges.Select(edge => edge.UserId).ToHashSet(StringComparer.Ordinal);

        // The tenant's size decides when a payee account is a merchant rather than a link between its payers.
        var tenantUsers = await rings.AddUsersAsync(tenantId, recorded.NewUsers, cancellationToken).ConfigureAwait(false);
        var detector = new RingDetector(settings.Detection);
        var neighbourhood = await NeighbourhoodAsync(tenantId, recorded, tenantUsers, cancellationToken).ConfigureAwait(false);
        var found = detector.Detect(neighbourhood, tenantUsers).Where(ring => ring.Members.Any(seeds.Contains)).ToList();

        var memberships = await rings.GetMembershipsAsync(tenantId, seeds.Concat(found.SelectMany(ring => ring.Members)), cancellationToken).ConfigureAwait(false);
        var placed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ring in found)
        {
            var ringId = await RecordRingAsync(tenantId, ring, memberships, cancellationToken).ConfigureAwait(false);
            foreach (var member in ring.Members)
            {
                placed[member] = ringId;
            }
        }

        // The new actions of users already in a ring that this run did not touch go under that ring too.
        foreach (var group in actions.Where(action => action.UserId is { } user && !placed.ContainsKey(user) && memberships.ContainsKey(user))
            .GroupBy(action => memberships[action.UserId!].RingId, StringComparer.Ordinal))
        {
            await index.IndexUnderAsync(tenantId, Subject(group.Key), group.Select(Indexed), cancellationToken).ConfigureAwait(false);
        }

        foreach (var group in actions.Where(action => action.UserId is { } user && placed.ContainsKey(user)).GroupBy(action => placed[action.UserId!], StringComparer.Ordinal))
        {
            await index.IndexUnderAsync(tenantId, Subject(group.Key), group.Select(Indexed), cancellationToken).ConfigureAwait(false);
        }

        return found.Count;
    }

    private async Task<List<RingEdge>> NeighbourhoodAsync(string tenantId, RingGraphUpdate recorded, long tenantUsers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var edges = new HashSet<RingEdge>();
        var readEntities = new HashSet<LinkEntity>(recorded.UsersOf.Keys);

        async Task<List<RingEdge>> UsersOfAsync(IEnumerable<LinkEntity> entities)
        {
            var pending = entities.Where(readEntities.Add).ToList();
            var results = await ReadEachAsync(pending, (entity, token) => graph.UsersOfAsync(tenantId, entity, token), cancellationToken).ConfigureAwait(false);
            return [.. results.SelectMany(users => users)];
        }

        // Hop 1, read while recording: who else used what the new actions used. Identifiers beyond their kind's cap link
        // nobody: not followed.
        var first = recorded.UsersOf.Values.SelectMany(users => users).ToList();
        var linking = first.GroupBy(edge => edge.Entity).Where(group => group.Count() >= 2 && group.Count() <= settings.Detection.CapFor(group.Key.Kind, tenantUsers)).ToList();
        if (linking.Count == 0)
        {
            return [];
        }

        edges.UnionWith(linking.SelectMany(group => group));
        var users = linking.SelectMany(group => group.Select(edge => edge.UserId)).Distinct(StringComparer.Ordinal).Take(settings.MaxNeighbourhood).ToList();

        // Hop 2: everything those users used (the new actions' users were read while recording), and who used it, so each
        // of them is judged on all their evidence.
        var unread = users.Where(user => !recorded.EntitiesOf.ContainsKey(user)).ToList();
        var theirs = (await ReadEachAsync(unread, (user, token) => graph.EntitiesOfAsync(tenantId, user, token), cancellationToken).ConfigureAwait(false))
            .Concat(users.Where(recorded.EntitiesOf.ContainsKey).Select(user => recorded.EntitiesOf[user]));
        var second = await UsersOfAsync(theirs.SelectMany(list => list).Select(edge => edge.Entity).Distinct()).ConfigureAwait(false);
        edges.UnionWith(second.GroupBy(edge => edge.Entity).Where(group => group.Count() <= settings.Detection.CapFor(group.Key.Kind, tenantUsers)).SelectMany(group => group));
        return [.. edges];
    }

    /// <summary>
    /// <paramref name="read"/> of each item, in the items' order, at most <see cref="ReadConcurrency"/> at once. A run after
    /// a busy minute (an import) reads thousands of identifiers: started all at once, they queue on the instance's
    /// connections and storage, and the API's own requests then time out behind them.
    /// </summary>
    private static async Task<IReadOnlyList<RingEdge>[]> ReadEachAsync<T>(
        IReadOnlyList<T> items, Func<T, CancellationToken, Task<IReadOnlyList<RingEdge>>> read, CancellationToken cancellationToken)
    {
        var results = new IReadOnlyList<RingEdge>[items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken },
            async (i, token) => results[i] = await read(items[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    /// <summary>Records one detected ring; returns its id.</summary>
    private async Task<string> RecordRingAsync(
        string tenantId, DetectedRing detected, IReadOnlyDictionary<string, RingMembership> memberships, CancellationToken cancellationToken)
    {
        var resolution = RingIdentity.Resolve(tenantId, detected, detected.Members.Where(memberships.ContainsKey).Select(member => memberships[member]));
        var survivor = resolution.IsNew ? null : await rings.GetAsync(tenantId, resolution.RingId, cancellationToken).ConfigureAwait(false);
        var merged = new List<StoredRing>();
        foreach (var id in resolution.MergedRingIds)
        {
            if (await rings.GetAsync(tenantId, id, cancellationToken).ConfigureAwait(false) is { } ring)
            {
                merged.Add(ring);
            }
        }

        var members = detected.Members
            .Concat(survivor?.Members ?? [])
            .Concat(merged.SelectMany(ring => ring.Members))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var joining = members.Where(member => !memberships.TryGetValue(member, out var current) || current.RingId != resolution.RingId).ToList();

        // Memberships first: a run that stops before the ring row finds them and names the ring the same next time.
        await rings.SetMembershipsAsync(tenantId, members, new RingMembership(resolution.RingId, resolution.FirstSeen), cancellationToken).ConfigureAwait(false);
        foreach (var member in joining)
        {
            var past = new List<IndexedAction>();
            await foreach (var action in index.QueryAsync(tenantId, new ActionSubject(ActionSubjectKind.UserId, member), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                past.Add(action);
                if (past.Count >= options.Value.MaxBackfillPerMember)
                {
                    break;
                }
            }

            await index.IndexUnderAsync(tenantId, Subject(resolution.RingId), past, cancellationToken).ConfigureAwait(false);
        }

        var links = detected.Links
            .Concat(survivor?.Links ?? [])
            .GroupBy(link => link.Entity)
            .Select(group => group.MaxBy(link => link.MemberCount)!)
            .OrderByDescending(link => link.MemberCount)
            .ThenBy(link => link.Entity.Kind)
            .ThenBy(link => link.Entity.Value, StringComparer.Ordinal)
            .ToList();
        var lastSeen = new[] { detected.LastSeen, survivor?.LastSeen ?? default }.Concat(merged.Select(ring => ring.LastSeen)).Max();
        await rings.SaveAsync(
            new StoredRing { TenantId = tenantId, RingId = resolution.RingId, Members = members, Links = links, FirstSeen = resolution.FirstSeen, LastSeen = lastSeen },
            cancellationToken).ConfigureAwait(false);
        foreach (var ring in merged)
        {
            await rings.SaveAsync(ring with { MergedInto = resolution.RingId }, cancellationToken).ConfigureAwait(false);
        }

        return resolution.RingId;
    }

    private static ActionSubject Subject(string ringId) => new(ActionSubjectKind.FraudRing, ringId);

    private static IndexedAction Indexed(ActivityRecord action) =>
        new(action.ActionToken, action.OccurredAt, action.UserId, action.DeviceId, action.Recommendation ?? string.Empty);
}
