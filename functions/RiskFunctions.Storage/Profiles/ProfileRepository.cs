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

    /// <summary>The user's profile with its rows and the summary's version, so a later feed can start from it without reading it again.</summary>
    public virtual Task<ProfileSnapshot> ReadAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        LoadAsync(tenantId, userId, cancellationToken);

    /// <summary>
    /// Feeds one profile-building action into the user's profile. Returns the plan that was applied, or one with
    /// <see cref="ProfileUpdate.Applied"/> set when the action had already been fed.
    /// </summary>
    public virtual async Task<ProfileUpdate> FeedAsync(
        string tenantId, string userId, ActionFeatures features, string actionId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        (await FeedAsync(tenantId, userId, features, actionId, at, known: null, cancellationToken).ConfigureAwait(false)).Update;

    /// <summary>
    /// <see cref="FeedAsync(string, string, ActionFeatures, string, DateTimeOffset, CancellationToken)"/> planned on
    /// <paramref name="known"/> (the profile as its caller last read or wrote it) instead of a fresh read: the
    /// transaction stays conditional on the summary's version, so a profile changed meanwhile fails it and is read
    /// again. Also returns the profile as it is after the feed (<c>null</c> when its new version is not known).
    /// </summary>
    public virtual async Task<(ProfileUpdate Update, ProfileSnapshot? After)> FeedAsync(
        string tenantId, string userId, ActionFeatures features, string actionId, DateTimeOffset at, ProfileSnapshot? known, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = known ?? await LoadAsync(tenantId, userId, cancellationToken).ConfigureAwait(false);
            known = null;
            var update = ProfileFeeder.Plan(snapshot.Profile, features, actionId, at);
            if (update.Applied)
            {
                return (update, snapshot);
            }

            try
            {
                var transaction = Transaction(tenantId, userId, update, snapshot.SummaryETag);
                var response = await _table.SubmitCheckedAsync(transaction, cancellationToken).ConfigureAwait(false);
                return (update, snapshot.After(userId, transaction, response.Value.Count > 0 ? response.Value[0].Headers.ETag : null));
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412 && attempt < MaxFeedAttempts)
            {
                // Another feed of this user won the race: plan again on what it wrote, after a jittered pause
                // so that a burst of feeds for one user spreads out instead of colliding again.
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<ProfileSnapshot> LoadAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var filter = TableFilter.Create($"PartitionKey eq {ProfilesTable.PartitionKey(tenantId, userId)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(entity);
        }

        return ProfileSnapshot.From(userId, rows);
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
