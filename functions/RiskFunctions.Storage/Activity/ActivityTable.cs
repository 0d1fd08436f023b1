using Azure.Data.Tables;
using RiskFunctions.Domain.Activity;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Activity;

/// <summary>
/// The recent-activity feed: one row per action while ring and campaign maintenance still needs it. PartitionKey tenant
/// + the token's first two hex digits (as the actions table), RowKey the token. Property names are part of the stored format.
/// </summary>
internal static class ActivityTable
{
    public const string ActivityTableName = "activity";

    public static string PartitionKey(string tenantId, string actionToken) => TableKeyEncoder.Join(tenantId, actionToken[..2]);

    public static TableEntity ToEntity(string tenantId, ActivityRecord record, DateTimeOffset recordedAt)
    {
        var entity = new TableEntity(PartitionKey(tenantId, record.ActionToken), record.ActionToken)
        {
            ["TenantId"] = tenantId,
            ["ActionType"] = record.ActionType,
            ["OccurredAt"] = record.OccurredAt,
            ["RecordedAt"] = recordedAt,
            ["IpIsShared"] = record.IpIsShared,
        };
        entity.SetIfPresent("UserId", record.UserId);
        entity.SetIfPresent("DeviceId", record.DeviceId);
        entity.SetIfPresent("DeviceFingerprint", record.DeviceFingerprint);
        entity.SetIfPresent("DevicePublicKey", record.DevicePublicKey);
        entity.SetIfPresent("Ip", record.Ip);
        entity.SetIfPresent("Asn", record.Asn);
        entity.SetIfPresent("UserAgentFamily", record.UserAgentFamily);
        entity.SetIfPresent("Card", record.Card);
        entity.SetIfPresent("PayeeAccount", record.PayeeAccount);
        entity.SetIfPresent("Amount", record.Amount is { } amount ? (double)amount : null);
        entity.SetIfPresent("Result", record.Result);
        entity.SetIfPresent("Recommendation", record.Recommendation);
        return entity;
    }

    public static FeedEntry FromEntity(TableEntity entity) => new(
        entity.GetString("TenantId") ?? string.Empty,
        new ActivityRecord
        {
            ActionToken = entity.RowKey,
            ActionType = entity.GetString("ActionType") ?? string.Empty,
            OccurredAt = entity.GetDateTimeOffset("OccurredAt") ?? default,
            UserId = entity.GetString("UserId"),
            DeviceId = entity.GetString("DeviceId"),
            DeviceFingerprint = entity.GetString("DeviceFingerprint"),
            DevicePublicKey = entity.GetString("DevicePublicKey"),
            Ip = entity.GetString("Ip"),
            IpIsShared = entity.GetBoolean("IpIsShared") ?? false,
            Asn = entity.GetString("Asn"),
            UserAgentFamily = entity.GetString("UserAgentFamily"),
            Card = entity.GetString("Card"),
            PayeeAccount = entity.GetString("PayeeAccount"),
            Amount = entity.GetDouble("Amount") is { } amount ? (decimal)amount : null,
            Result = entity.GetString("Result"),
            Recommendation = entity.GetString("Recommendation"),
        },
        entity.GetDateTimeOffset("RecordedAt") ?? default,
        entity.GetBoolean("RingDone") ?? false,
        entity.GetString("CampaignId"));

    /// <summary>A merge that sets one property of an existing row.</summary>
    public static TableEntity Patch(string tenantId, string actionToken, string name, object value) =>
        new(PartitionKey(tenantId, actionToken), actionToken) { [name] = value };
}
