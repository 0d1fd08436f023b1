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
/// <item>the graph by identifier: tenant + <c>e</c> + link kind + value / user (who used it);</item>
/// <item>the graph by user: tenant + <c>u</c> + user / link kind + value (what they used);</item>
/// <item>users seen: tenant + <c>seen</c> / user, and their count: tenant + <c>stats</c> / <c>users</c>.</item>
/// </list>
/// </summary>
internal static class FraudRingsTable
{
    public const string FraudRingsTableName = "fraudrings";

    /// <summary>Members and links are stored one a line (identifiers never hold control characters), a link's fields tab-separated.</summary>
    private const char LineSeparator = '\n';

    private const char FieldSeparator = '\t';

    public static string RingsPartition(string tenantId) => TableKeyEncoder.Join(tenantId, "ring");

    public static string MembersPartition(string tenantId) => TableKeyEncoder.Join(tenantId, "member");

    public static string SeenUsersPartition(string tenantId) => TableKeyEncoder.Join(tenantId, "seen");

    public static string StatsPartition(string tenantId) => TableKeyEncoder.Join(tenantId, "stats");

    public const string UserCountRowKey = "users";

    public const string UserCountProperty = "UserCount";

    public static string UsersOf(string tenantId, LinkEntity entity) =>
        string.Concat(TableKeyEncoder.Join(tenantId, "e", entity.Kind.Code()), "|", StorageKeys.Value(entity.Value));

    public static string EntitiesOf(string tenantId, string userId) =>
        string.Concat(TableKeyEncoder.Join(tenantId, "u"), "|", StorageKeys.Value(userId));

    public static string UserRowKey(string userId) => StorageKeys.Value(userId);

    public static string EntityRowKey(LinkEntity entity) => string.Concat(TableKeyEncoder.Encode(entity.Kind.Code()), "|", StorageKeys.Value(entity.Value));

    /// <summary>The two rows of an edge: the user under the identifier, the identifier under the user.</summary>
    public static (TableEntity UserOfEntity, TableEntity EntityOfUser) ToEdgeEntities(string tenantId, RingEdge edge) => (
        new TableEntity(UsersOf(tenantId, edge.Entity), UserRowKey(edge.UserId)) { ["UserId"] = edge.UserId, ["SeenAt"] = edge.SeenAt },
        new TableEntity(EntitiesOf(tenantId, edge.UserId), EntityRowKey(edge.Entity))
        {
            ["Kind"] = edge.Entity.Kind.Code(),
            ["Value"] = edge.Entity.Value,
            ["SeenAt"] = edge.SeenAt,
        });

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
