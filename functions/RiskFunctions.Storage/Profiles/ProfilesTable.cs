using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// The profiles table: one partition per user (tenant + user id) holding one row (RowKey <c>~</c>): the summary
/// (action count, first and last seen, root-kind totals, recent action ids) as properties and every feature value in
/// the binary <c>V</c> chunks (<see cref="ProfileValuesEncoding"/>), so a profile is one point read and one write.
/// Earlier versions kept a row per feature value beside a summary without <c>V</c> (RowKey feature kind + key); such a
/// profile is read with a partition query and rewritten in this layout by its next feed.
/// </summary>
internal static class ProfilesTable
{
    public const string ProfilesTableName = "profiles";

    public const string ProfileRowKey = "~";

    private const string ValuesProperty = "V";
    private const char RecentSeparator = ',';

    public static string PartitionKey(string tenantId, string userId) =>
        string.Concat(TableKeyEncoder.Encode(tenantId), "|", StorageKeys.Value(userId));

    /// <summary>Whether <paramref name="entity"/> (the <c>~</c> row) holds the whole profile, or only the summary of an earlier layout.</summary>
    public static bool HoldsValues(TableEntity entity) => BinaryChunks.Has(entity, ValuesProperty);

    /// <summary>The whole profile as its one row.</summary>
    public static TableEntity ToEntity(string partitionKey, UserProfile profile)
    {
        var entity = new TableEntity(partitionKey, ProfileRowKey)
        {
            ["ActionCount"] = profile.ActionCount,
            ["RecentActions"] = string.Join(RecentSeparator, profile.RecentActionIds),
        };
        entity.SetIfPresent("FirstSeen", profile.FirstSeen);
        entity.SetIfPresent("LastSeen", profile.LastSeen);
        foreach (var kind in FeatureKinds.All.Where(k => k.IsRoot()))
        {
            var totals = profile.Totals(kind);
            entity["T_" + kind.Code()] = totals.Total;
            entity["D_" + kind.Code()] = totals.Distinct;
        }

        BinaryChunks.Write(entity, ValuesProperty, ProfileValuesEncoding.Encode(profile));
        return entity;
    }

    /// <summary>The profile in <paramref name="entity"/>; the values too when it <see cref="HoldsValues"/>.</summary>
    public static void Read(TableEntity entity, UserProfile.Builder builder)
    {
        builder.WithSummary(entity.GetInt64("ActionCount") ?? 0, entity.GetDateTimeOffset("FirstSeen"), entity.GetDateTimeOffset("LastSeen"));
        foreach (var kind in FeatureKinds.All.Where(k => k.IsRoot()))
        {
            builder.WithTotals(kind, new KindTotals(entity.GetInt64("T_" + kind.Code()) ?? 0, entity.GetInt32("D_" + kind.Code()) ?? 0));
        }

        var recent = entity.GetString("RecentActions");
        builder.WithRecentActions(string.IsNullOrEmpty(recent) ? [] : recent.Split(RecentSeparator));
        if (BinaryChunks.Read(entity, ValuesProperty) is { } values)
        {
            ProfileValuesEncoding.Decode(values, builder);
        }
    }

    /// <summary>A feature value row of the earlier layout.</summary>
    public static bool TryReadLegacyValue(TableEntity entity, out FeatureKind kind, out string key, out FeatureStats stats)
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
