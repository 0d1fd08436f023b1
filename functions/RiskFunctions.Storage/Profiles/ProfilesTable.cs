using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// The profiles table: one partition per user (tenant + user id) holding a summary row (RowKey <c>~</c>) and one row
/// per feature value (RowKey feature kind + key).
/// </summary>
internal static class ProfilesTable
{
    public const string ProfilesTableName = "profiles";

    public const string SummaryRowKey = "~";

    private const char RecentSeparator = ',';

    public static string PartitionKey(string tenantId, string userId) =>
        string.Concat(TableKeyEncoder.Encode(tenantId), "|", StorageKeys.Value(userId));

    public static string ValueRowKey(FeatureKind kind, string key) => string.Concat(kind.Code(), "|", StorageKeys.Feature(key));

    /// <summary>The summary of <paramref name="update"/>; merged, so root kinds the action did not carry keep their totals.</summary>
    public static TableEntity ToSummaryEntity(string partitionKey, ProfileUpdate update)
    {
        var summary = new TableEntity(partitionKey, SummaryRowKey)
        {
            ["ActionCount"] = update.ActionCount,
            ["RecentActions"] = string.Join(RecentSeparator, update.RecentActionIds),
        };
        summary.SetIfPresent("FirstSeen", update.FirstSeen);
        summary.SetIfPresent("LastSeen", update.LastSeen);
        foreach (var (kind, totals) in update.Totals)
        {
            summary["T_" + kind.Code()] = totals.Total;
            summary["D_" + kind.Code()] = totals.Distinct;
        }

        return summary;
    }

    public static TableEntity ToValueEntity(string partitionKey, ProfileValue value) => new(partitionKey, ValueRowKey(value.Kind, value.Key))
    {
        ["Key"] = value.Key,
        ["Count"] = value.Stats.Count,
        ["Children"] = value.Stats.Children,
        ["FirstSeen"] = value.Stats.FirstSeen,
        ["LastSeen"] = value.Stats.LastSeen,
    };

    public static void ReadSummary(TableEntity entity, UserProfile.Builder builder)
    {
        builder.WithSummary(entity.GetInt64("ActionCount") ?? 0, entity.GetDateTimeOffset("FirstSeen"), entity.GetDateTimeOffset("LastSeen"));
        foreach (var kind in FeatureKinds.All.Where(k => k.IsRoot()))
        {
            builder.WithTotals(kind, new KindTotals(entity.GetInt64("T_" + kind.Code()) ?? 0, entity.GetInt32("D_" + kind.Code()) ?? 0));
        }

        var recent = entity.GetString("RecentActions");
        builder.WithRecentActions(string.IsNullOrEmpty(recent) ? [] : recent.Split(RecentSeparator));
    }

    public static bool TryReadValue(TableEntity entity, out FeatureKind kind, out string key, out FeatureStats stats)
    {
        key = entity.GetString("Key") ?? string.Empty;
        stats = new FeatureStats(
            entity.GetInt64("Count") ?? 0,
            entity.GetInt32("Children") ?? 0,
            entity.GetDateTimeOffset("FirstSeen") ?? default,
            entity.GetDateTimeOffset("LastSeen") ?? default);
        var separator = entity.RowKey.IndexOf('|', StringComparison.Ordinal);
        return separator > 0 & key.Length > 0 & FeatureKinds.TryParseCode(entity.RowKey[..separator], out kind);
    }
}
