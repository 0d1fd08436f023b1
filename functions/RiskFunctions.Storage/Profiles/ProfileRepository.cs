using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// Users' trusted histories (<see cref="UserProfile"/>), one row per user: the summary and every feature value
/// (<see cref="ProfilesTable"/>). Reading a profile is one point read; feeding an action is one write conditional on
/// the row's ETag, so concurrent feeds of one user never lose a count and a replayed action is ignored. Concurrent
/// reads of one profile on this instance (one account under a burst of logins) share one request
/// (<see cref="InFlightReads{TValue}"/>).
/// </summary>
public class ProfileRepository
{
    /// <summary>Attempts at a feed that keeps colliding with concurrent feeds of the same user.</summary>
    public const int MaxFeedAttempts = 25;

    private readonly TableClient _table;
    private readonly InFlightReads<ProfileSnapshot> _reads = new();

    public ProfileRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(ProfilesTable.ProfilesTableName);
    }

    /// <summary>For mocking.</summary>
    protected ProfileRepository() => _table = null!;

    /// <summary>The user's profile; <see cref="UserProfile.Empty"/> for a user never fed.</summary>
    public virtual async Task<UserProfile> GetAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(tenantId, userId, cancellationToken).ConfigureAwait(false)).Profile;

    /// <summary>
    /// The user's profile with its row's version, so a later feed can start from it without reading it again. Never
    /// older than this instance's last finished feed of the user.
    /// </summary>
    public virtual Task<ProfileSnapshot> ReadAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        _reads.ReadAsync(ProfilesTable.PartitionKey(tenantId, userId), () => LoadAsync(tenantId, userId, CancellationToken.None), cancellationToken);

    /// <summary>
    /// Feeds one profile-building action into the user's profile. Returns the plan that was applied, or one with
    /// <see cref="ProfileUpdate.Applied"/> set when the action had already been fed.
    /// </summary>
    public virtual async Task<ProfileUpdate> FeedAsync(
        string tenantId, string userId, ActionFeatures features, string actionId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        (await FeedAsync(tenantId, userId, features, actionId, at, known: null, cancellationToken).ConfigureAwait(false)).Update;

    /// <summary>
    /// <see cref="FeedAsync(string, string, ActionFeatures, string, DateTimeOffset, CancellationToken)"/> planned on
    /// <paramref name="known"/> (the profile as its caller last read or wrote it) instead of a fresh read: the write
    /// stays conditional on the row's version, so a profile changed meanwhile fails it and is read again. Also returns
    /// the profile as it is after the feed (<c>null</c> when its new version is not known).
    /// </summary>
    public virtual async Task<(ProfileUpdate Update, ProfileSnapshot? After)> FeedAsync(
        string tenantId, string userId, ActionFeatures features, string actionId, DateTimeOffset at, ProfileSnapshot? known, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var given = known is not null;
            var snapshot = known ?? await LoadAsync(tenantId, userId, cancellationToken).ConfigureAwait(false);
            known = null;
            var update = ProfileFeeder.Plan(snapshot.Profile, features, actionId, at);
            if (update.Applied)
            {
                return (update, snapshot);
            }

            var after = snapshot.Profile.Apply(update);
            var row = ProfilesTable.ToEntity(ProfilesTable.PartitionKey(tenantId, userId), after);
            try
            {
                var response = snapshot.ETag == default
                    ? await _table.AddCheckedAsync(row, cancellationToken).ConfigureAwait(false)
                    : await _table.UpdateCheckedAsync(row, snapshot.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                await DeleteLegacyRowsAsync(row.PartitionKey, snapshot.LegacyRowKeys, cancellationToken).ConfigureAwait(false);
                return (update, response.Headers.ETag is { } etag && etag != default ? ProfileSnapshot.Written(after, etag) : null);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                ConflictBackoff.ThrowIfLastAttempt(ex, attempt, MaxFeedAttempts);

                // Another feed of this user won the race: plan again on what it wrote, after a jittered pause
                // so that a burst of feeds for one user spreads out instead of colliding again. A given snapshot
                // that was out of date is no race: read at once.
                if (!given)
                {
                    await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _reads.Written(row.PartitionKey);
            }
        }
    }

    private async Task<ProfileSnapshot> LoadAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var partitionKey = ProfilesTable.PartitionKey(tenantId, userId);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, ProfilesTable.ProfileRowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!row.HasValue)
        {
            return ProfileSnapshot.Empty(userId);
        }

        if (ProfilesTable.HoldsValues(row.Value!))
        {
            return ProfileSnapshot.FromRow(userId, row.Value!);
        }

        // Written by an earlier version, a row per value: read them all; the next feed rewrites the profile in one row.
        var rows = new List<TableEntity>();
        var filter = TableFilter.Create($"PartitionKey eq {partitionKey}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(entity);
        }

        return ProfileSnapshot.FromLegacyRows(userId, rows);
    }

    /// <summary>
    /// Removes the value rows of the earlier layout once the profile row holds them. Best effort: a row left behind (a
    /// crash, a concurrent feed deleting it first) is never read again, because the profile row now holds the values.
    /// </summary>
    private async Task DeleteLegacyRowsAsync(string partitionKey, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        var rows = rowKeys.Select(rowKey => new TableEntity(partitionKey, rowKey) { ETag = ETag.All });
        foreach (var batch in TableBatches.Of(rows))
        {
            try
            {
                await _table.SubmitCheckedAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // Removed first by a concurrent feed of the same profile (404), or left behind for good: harmless.
                return;
            }
        }
    }
}
