using System.Globalization;
using Azure.Data.Tables;
using RiskFunctions.Domain.FraudRings;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.FraudRings;

/// <summary>
/// The fraud rings table. Four kinds of rows, each partition starting with the tenant:
/// <list type="bullet">
/// <item>rings: tenant + <c>ring</c> / ring id (members and links as JSON);</item>
/// <item>memberships: tenant + <c>member</c> / user: the user's ring and when that ring was first seen;</item>
/// <item>the graph by identifier: tenant + <c>e</c> + link kind + value / <see cref="AdjacencyRowKey"/> (who used it);</item>
/// <item>the graph by user: tenant + <c>u</c> + user / <see cref="AdjacencyRowKey"/> (what they used);</item>
/// <item>the tenant's user count: tenant + <c>stats</c> / <c>users</c>, and its graph's layout: tenant + <c>stats</c> / <c>graph</c>.</item>
/// </list>
/// Earlier versions kept the graph one row per edge in the same partitions (row key: the user, or link kind + value) and
/// every user seen in tenant + <c>seen</c>; <see cref="RingGraph"/> still reads those edges where a tenant has them.
/// </summary>
internal static class FraudRingsTable
{
    public const string FraudRingsTableName = "fraudrings";

    /// <summary>Members and links are stored one a line (identifiers never hold control characters), a link's fields tab-separated.</summary>
    private const char LineSeparator = '\n';

    private const char FieldSeparator = '\t';

    public static string RingsPartition(string tenantId) => TableKeyEncoder.Join(tenantId, "ring");

    public static string MembersPartition(string tenantId) => TableKeyEncoder.Join(tenantId, "member");

    public static string StatsPartition(string tenantId) => TableKeyEncoder.Join(tenantId, "stats");

    public const string UserCountRowKey = "users";

    public const string UserCountProperty = "UserCount";

    /// <summary>Whether the tenant's graph still has edge rows of the earlier layout (<see cref="LegacyEdgesProperty"/>).</summary>
    public const string GraphLayoutRowKey = "graph";

    public const string LegacyEdgesProperty = "LegacyEdges";

    /// <summary>
    /// The one row of a graph partition, listing its edges. No edge row of the earlier layout has this key: a user key
    /// that starts with <c>~</c> is <c>~</c> and 32 hex digits (<see cref="StorageKeys.Value"/>), and an identifier's key
    /// starts with its link kind.
    /// </summary>
    public const string AdjacencyRowKey = "~";

    /// <summary>The edges of an adjacency row, in <see cref="BinaryChunks"/>; <see cref="EdgeCountProperty"/> says how many.</summary>
    public const string EdgesProperty = "Edges";

    public const string EdgeCountProperty = "EdgeCount";

    public static string UsersOf(string tenantId, LinkEntity entity) =>
        string.Concat(TableKeyEncoder.Join(tenantId, "e", entity.Kind.Code()), "|", StorageKeys.Value(entity.Value));

    public static string EntitiesOf(string tenantId, string userId) =>
        string.Concat(TableKeyEncoder.Join(tenantId, "u"), "|", StorageKeys.Value(userId));

    /// <summary>The first characters of every graph partition of the tenant: by identifier, then by user.</summary>
    public static IReadOnlyList<string> GraphPartitionPrefixes(string tenantId) =>
        [TableKeyEncoder.Join(tenantId, "e") + TableKeyEncoder.Separator, TableKeyEncoder.Join(tenantId, "u") + TableKeyEncoder.Separator];

    public static string UserRowKey(string userId) => StorageKeys.Value(userId);

    /// <summary>An edge row of the earlier layout under an identifier (the user who used it), or null if it is not one.</summary>
    public static RingEdge? FromLegacyUserRow(LinkEntity entity, TableEntity row) =>
        row.GetString("UserId") is { Length: > 0 } user ? new RingEdge(user, entity, row.GetDateTimeOffset("SeenAt") ?? default) : null;

    /// <summary>An edge row of the earlier layout under a user (an identifier they used), or null if it is not one.</summary>
    public static RingEdge? FromLegacyEntityRow(string userId, TableEntity row) =>
        LinkKinds.FromCode(row.GetString("Kind")) is { } kind && row.GetString("Value") is { } value
            ? new RingEdge(userId, new LinkEntity(kind, value), row.GetDateTimeOffset("SeenAt") ?? default)
            : null;

    public static TableEntity ToMembershipEntity(string tenantId, string userId, RingMembership membership) =>
        new(MembersPartition(tenantId), UserRowKey(userId))
        {
            ["UserId"] = userId,
            ["RingId"] = membership.RingId,
            ["RingFirstSeen"] = membership.RingFirstSeen,
        };

    public static RingMembership FromMembershipEntity(TableEntity entity) =>
        new(entity.GetString("RingId") ?? string.Empty, entity.GetDateTimeOffset("RingFirstSeen") ?? default);

    public static TableEntity ToRingEntity(StoredRing ring)
    {
        var entity = new TableEntity(RingsPartition(ring.TenantId), ring.RingId)
        {
            ["Members"] = string.Join(LineSeparator, ring.Members),
            ["Links"] = string.Join(LineSeparator, ring.Links.Select(link => string.Join(FieldSeparator, link.Entity.Kind.Code(), link.MemberCount.ToString(CultureInfo.InvariantCulture), link.Entity.Value))),
            ["MemberCount"] = ring.Members.Count,
            ["FirstSeen"] = ring.FirstSeen,
            ["LastSeen"] = ring.LastSeen,
            ETag = ring.ETag,
        };
        entity.SetIfPresent("MergedInto", ring.MergedInto);
        return entity;
    }

    public static StoredRing FromRingEntity(string tenantId, TableEntity entity) => new()
    {
        TenantId = tenantId,
        RingId = entity.RowKey,
        Members = Lines(entity.GetString("Members")),
        Links = [.. Lines(entity.GetString("Links")).Select(ParseLink).OfType<RingLink>()],
        FirstSeen = entity.GetDateTimeOffset("FirstSeen") ?? default,
        LastSeen = entity.GetDateTimeOffset("LastSeen") ?? default,
        MergedInto = entity.GetString("MergedInto"),
        ETag = entity.ETag,
    };

    private static string[] Lines(string? value) => string.IsNullOrEmpty(value) ? [] : value.Split(LineSeparator);

    private static RingLink? ParseLink(string line)
    {
        var fields = line.Split(FieldSeparator, 3);
        return fields.Length == 3 && LinkKinds.FromCode(fields[0]) is { } kind && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? new RingLink(new LinkEntity(kind, fields[2]), count)
            : null;
    }
}
