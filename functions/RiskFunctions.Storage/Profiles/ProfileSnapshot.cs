using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// A user's profile as stored, with its row's version. A feed planned on it is conditional on that version, and the
/// profile after the feed is known from what the feed wrote, so a caller that owns the user's profile for a while (an
/// import group) reads it once and keeps it current without reading it again.
/// </summary>
public sealed class ProfileSnapshot
{
    private ProfileSnapshot(UserProfile profile, ETag etag, IReadOnlyList<string> legacyRowKeys)
    {
        Profile = profile;
        ETag = etag;
        LegacyRowKeys = legacyRowKeys;
    }

    public UserProfile Profile { get; }

    /// <summary>The profile row's version; default when the user has no profile yet.</summary>
    public ETag ETag { get; }

    /// <summary>Feature value rows of the earlier layout still in the partition: deleted once the profile is rewritten.</summary>
    internal IReadOnlyList<string> LegacyRowKeys { get; }

    internal static ProfileSnapshot Empty(string userId) => new(UserProfile.Empty(userId), default, []);

    /// <summary>The profile in its one row.</summary>
    internal static ProfileSnapshot FromRow(string userId, TableEntity row)
    {
        var builder = new UserProfile.Builder(userId);
        ProfilesTable.Read(row, builder);
        return new ProfileSnapshot(builder.Build(), row.ETag, []);
    }

    /// <summary>The profile in the earlier layout: a summary row and a row per feature value.</summary>
    internal static ProfileSnapshot FromLegacyRows(string userId, IReadOnlyList<TableEntity> rows)
    {
        var builder = new UserProfile.Builder(userId);
        var etag = default(ETag);
        var legacy = new List<string>();
        foreach (var row in rows)
        {
            if (row.RowKey == ProfilesTable.ProfileRowKey)
            {
                etag = row.ETag;
                ProfilesTable.Read(row, builder);
            }
            else
            {
                legacy.Add(row.RowKey);
                if (ProfilesTable.TryReadLegacyValue(row, out var kind, out var key, out var stats))
                {
                    builder.WithValue(kind, key, stats);
                }
            }
        }

        return new ProfileSnapshot(builder.Build(), etag, legacy);
    }

    /// <summary>The profile <paramref name="profile"/> written at version <paramref name="etag"/>.</summary>
    internal static ProfileSnapshot Written(UserProfile profile, ETag etag) => new(profile, etag, []);
}
