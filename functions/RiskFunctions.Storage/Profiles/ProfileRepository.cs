using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// Users' trusted histories (<see cref="UserProfile"/>), one partition per user: a summary row (action
/// count, first/last seen, root-kind totals, recent action ids) and one row per feature value. Reading a
/// profile is one partition query; feeding an action is one entity group transaction guarded by the
/// summary row's ETag, so concurrent feeds of one user never lose a count and a replayed action is ignored.
/// </summary>
public class ProfileRepository
{
    /// <summary>Attempts at a feed that keeps colliding with concurrent feeds of the same user.</summary>
    public const int MaxFeedAttempts = 25;

    private const string SummaryRow = "~";
    private const char RecentSeparator = ',';

    private readonly TableClient _table;

    public ProfileRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(ProfileTables.ProfilesTableName);
    }

    /// <summary>For mocking.</summary>
    protected ProfileRepository() => _table = null!;

    /// <summary>The user's profile; <see cref="UserProfile.Empty"/> for a user never fed.</summary>
    public virtual async Task<UserProfile> GetAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        (await LoadAsync(tenantId, userId, cancellationToken).ConfigureAwait(false)).Profile;

    /// <summary>
    /// Feeds one profile-building action into the user's profile. Returns the plan that was applied, or one with
    /// <see cref="ProfileUpdate.Applied"/> set when the action had already been fed.
    /// </summary>
    public virtual async Task<ProfileUpdate> FeedAsync(
        string tenantId, string userId, ActionFeatures features, string actionId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (profile, summaryETag) = await LoadAsync(tenantId, userId, cancellationToken).ConfigureAwait(false);
            var update = ProfileFeeder.Plan(profile, features, actionId, at);
            if (update.Applied)
            {
                return update;
            }

            try
            {
                await _table.SubmitCheckedAsync(Transaction(tenantId, userId, update, summaryETag), cancellationToken).ConfigureAwait(false);
                return update;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412 && attempt < MaxFeedAttempts)
            {
                // Another feed of this user won the race: plan again on what it wrote, after a jittered pause
                // so that a burst of feeds for one user spreads out instead of colliding again.
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal static string PartitionKey(string tenantId, string userId) =>
        string.Concat(TableKeyEncoder.Encode(tenantId), "|", StorageKeys.Value(userId));

    internal static string ValueRowKey(FeatureKind kind, string key) => string.Concat(kind.Code(), "|", StorageKeys.Feature(key));

    private async Task<(UserProfile Profile, ETag SummaryETag)> LoadAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var builder = new UserProfile.Builder(userId);
        var summaryETag = default(ETag);
        var filter = TableFilter.Create($"PartitionKey eq {PartitionKey(tenantId, userId)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == SummaryRow)
            {
                summaryETag = entity.ETag;
                ReadSummary(entity, builder);
            }
            else if (TryReadValue(entity, out var kind, out var key, out var stats))
            {
                builder.WithValue(kind, key, stats);
            }
        }

        return (builder.Build(), summaryETag);
    }

    private static void ReadSummary(TableEntity entity, UserProfile.Builder builder)
    {
        builder.WithSummary(entity.GetInt64("ActionCount") ?? 0, entity.GetDateTimeOffset("FirstSeen"), entity.GetDateTimeOffset("LastSeen"));
        foreach (var kind in FeatureKinds.All.Where(k => k.IsRoot()))
        {
            builder.WithTotals(kind, new KindTotals(entity.GetInt64("T_" + kind.Code()) ?? 0, entity.GetInt32("D_" + kind.Code()) ?? 0));
        }

        var recent = entity.GetString("RecentActions");
        builder.WithRecentActions(string.IsNullOrEmpty(recent) ? [] : recent.Split(RecentSeparator));
    }

    private static bool TryReadValue(TableEntity entity, out FeatureKind kind, out string key, out FeatureStats stats)
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

    private static List<TableTransactionAction> Transaction(string tenantId, string userId, ProfileUpdate update, ETag summaryETag)
    {
        var partitionKey = PartitionKey(tenantId, userId);
        var summary = new TableEntity(partitionKey, SummaryRow)
        {
            ["ActionCount"] = update.ActionCount,
            ["RecentActions"] = string.Join(RecentSeparator, update.RecentActionIds),
        };
        if (update.FirstSeen is { } first)
        {
            summary["FirstSeen"] = first;
        }

        if (update.LastSeen is { } last)
        {
            summary["LastSeen"] = last;
        }

        foreach (var (kind, totals) in update.Totals)
        {
            summary["T_" + kind.Code()] = totals.Total;
            summary["D_" + kind.Code()] = totals.Distinct;
        }

        // Merged, so the totals of root kinds this action did not carry stay as they are.
        var actions = new List<TableTransactionAction>(1 + update.Upserts.Count + update.Evictions.Count)
        {
            summaryETag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, summary)
                : new TableTransactionAction(TableTransactionActionType.UpdateMerge, summary, summaryETag),
        };
        foreach (var value in update.Upserts)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partitionKey, ValueRowKey(value.Kind, value.Key))
            {
                ["Key"] = value.Key,
                ["Count"] = value.Stats.Count,
                ["Children"] = value.Stats.Children,
                ["FirstSeen"] = value.Stats.FirstSeen,
                ["LastSeen"] = value.Stats.LastSeen,
            }));
        }

        foreach (var (kind, key) in update.Evictions)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, ValueRowKey(kind, key))));
        }

        return actions;
    }
}
