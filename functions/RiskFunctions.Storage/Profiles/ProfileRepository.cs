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

    private readonly TableClient _table;

    public ProfileRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(ProfilesTable.ProfilesTableName);
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

    private async Task<(UserProfile Profile, ETag SummaryETag)> LoadAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var builder = new UserProfile.Builder(userId);
        var summaryETag = default(ETag);
        var filter = TableFilter.Create($"PartitionKey eq {ProfilesTable.PartitionKey(tenantId, userId)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == ProfilesTable.SummaryRowKey)
            {
                summaryETag = entity.ETag;
                ProfilesTable.ReadSummary(entity, builder);
            }
            else if (ProfilesTable.TryReadValue(entity, out var kind, out var key, out var stats))
            {
                builder.WithValue(kind, key, stats);
            }
        }

        return (builder.Build(), summaryETag);
    }

    private static List<TableTransactionAction> Transaction(string tenantId, string userId, ProfileUpdate update, ETag summaryETag)
    {
        var partitionKey = ProfilesTable.PartitionKey(tenantId, userId);
        var summary = ProfilesTable.ToSummaryEntity(partitionKey, update);

        // Merged, so the totals of root kinds this action did not carry stay as they are.
        var actions = new List<TableTransactionAction>(1 + update.Upserts.Count + update.Evictions.Count)
        {
            summaryETag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, summary)
                : new TableTransactionAction(TableTransactionActionType.UpdateMerge, summary, summaryETag),
        };
        foreach (var value in update.Upserts)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ProfilesTable.ToValueEntity(partitionKey, value)));
        }

        foreach (var (kind, key) in update.Evictions)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, ProfilesTable.ValueRowKey(kind, key))));
        }

        return actions;
    }
}
