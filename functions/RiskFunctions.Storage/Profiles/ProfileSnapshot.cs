using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// A user's profile as stored: its rows and the summary row's version. A feed planned on it is conditional on that
/// version, and the rows after the feed are known from what the feed wrote, so a caller that owns the user's rows for a
/// while (an import group) reads the profile once and keeps it current without querying it again.
/// </summary>
public sealed class ProfileSnapshot
{
    private readonly IReadOnlyDictionary<string, TableEntity> _rows;

    private ProfileSnapshot(UserProfile profile, ETag summaryETag, IReadOnlyDictionary<string, TableEntity> rows)
    {
        Profile = profile;
        SummaryETag = summaryETag;
        _rows = rows;
    }

    public UserProfile Profile { get; }

    /// <summary>The summary row's version; default when the user has no profile yet.</summary>
    public ETag SummaryETag { get; }

    internal static ProfileSnapshot From(string userId, IEnumerable<TableEntity> rows)
    {
        var byKey = rows.ToDictionary(row => row.RowKey, StringComparer.Ordinal);
        var builder = new UserProfile.Builder(userId);
        var summaryETag = default(ETag);
        foreach (var entity in byKey.Values)
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

        return new ProfileSnapshot(builder.Build(), summaryETag, byKey);
    }

    /// <summary>
    /// The profile once <paramref name="transaction"/> (a feed planned on this snapshot) was applied, the summary at
    /// <paramref name="newSummaryETag"/>; <c>null</c> when the service did not say the summary's new version.
    /// </summary>
    internal ProfileSnapshot? After(string userId, IReadOnlyList<TableTransactionAction> transaction, ETag? newSummaryETag)
    {
        if (newSummaryETag is not { } etag || etag == default)
        {
            return null;
        }

        var rows = new Dictionary<string, TableEntity>(_rows, StringComparer.Ordinal);
        foreach (var action in transaction)
        {
            var entity = (TableEntity)action.Entity;
            switch (action.ActionType)
            {
                case TableTransactionActionType.Delete:
                    rows.Remove(entity.RowKey);
                    break;
                case TableTransactionActionType.UpdateMerge when rows.TryGetValue(entity.RowKey, out var existing):
                    var merged = new TableEntity(existing);
                    foreach (var (name, value) in entity)
                    {
                        merged[name] = value;
                    }

                    rows[entity.RowKey] = merged;
                    break;
                default:
                    rows[entity.RowKey] = new TableEntity(entity);
                    break;
            }
        }

        rows[ProfilesTable.SummaryRowKey] = new TableEntity(rows[ProfilesTable.SummaryRowKey]) { ETag = etag };
        return From(userId, rows.Values);
    }
}
