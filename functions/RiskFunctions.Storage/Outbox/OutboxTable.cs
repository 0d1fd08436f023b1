using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Outbox;

/// <summary>
/// The outbox table: one row per label or fraud report whose work is not finished (<see cref="OutboxIndex"/>).
/// PartitionKey tenant + <c>outbox</c> + kind, RowKey the item's id. It only ever holds work in flight, so the
/// relay of every tenant finds it with a skip scan: a query per tenant and kind that has some.
/// </summary>
internal static class OutboxTable
{
    public const string OutboxTableName = "outbox";

    public static string PartitionKey(OutboxKind kind, string tenantId) => TableKeyEncoder.Join(tenantId, "outbox", kind.Code());

    public static string RowKey(string itemId) => TableKeyEncoder.Encode(itemId);

    public static TableEntity ToEntity(OutboxKind kind, string tenantId, string itemId, DateTimeOffset addedAt) =>
        new(PartitionKey(kind, tenantId), RowKey(itemId))
        {
            ["TenantId"] = tenantId,
            ["ItemId"] = itemId,
            ["AddedAt"] = addedAt,
        };

    public static OutboxEntry? FromEntity(TableEntity entity) =>
        entity.GetString("TenantId") is { Length: > 0 } tenantId && entity.GetString("ItemId") is { Length: > 0 } itemId
            ? new OutboxEntry(tenantId, itemId, entity.GetDateTimeOffset("AddedAt") ?? default, entity.ETag)
            : null;
}
