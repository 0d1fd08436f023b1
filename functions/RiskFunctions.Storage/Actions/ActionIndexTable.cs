using System.Buffers.Binary;
using Azure.Data.Tables;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// The action index table: every action once under each of its subjects. PartitionKey tenant + subject kind + subject
/// value (IP addresses canonical, so any spelling finds the same actions); RowKey inverted time + action token, so a
/// partition reads newest first. A user's, device's or IP address's partition also holds its <see cref="SubjectState"/>
/// under <see cref="StateRowKey"/>, which sorts after every index row (index RowKeys start with a digit).
/// </summary>
internal static class ActionIndexTable
{
    public const string ActionIndexTableName = "actionindex";

    /// <summary>The RowKey of the subject's <see cref="SubjectState"/>.</summary>
    public const string StateRowKey = "~state";

    /// <summary>Every index row sorts before this (and the state row after it).</summary>
    public const string IndexRowsEnd = "~";

    private const int RecentBytes = 32;

    /// <summary>Sorts after every row of one instant: <c>{inverted time}|~</c> bounds a time range.</summary>
    private const string AfterInstant = "|~";

    /// <summary>The properties <see cref="FromEntity"/> reads, and the RowKey a page continues after.</summary>
    public static IReadOnlyList<string> IndexedProperties { get; } = ["RowKey", "ActionToken", "OccurredAt", "UserId", "DeviceId", "Recommendation"];

    public static string PartitionKey(string tenantId, ActionSubject subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(subject.Value);
        var value = subject.Kind == ActionSubjectKind.IpAddress && IpAddressValue.TryParse(subject.Value, out var ip)
            ? ip.ToString()
            : subject.Value;
        return string.Concat(TableKeyEncoder.Join(tenantId, subject.Kind.Code()), "|", StorageKeys.Value(value));
    }

    public static string RowKey(DateTimeOffset occurredAt, string actionToken) =>
        string.Concat(StorageKeys.InvertedTime(occurredAt), "|", actionToken);

    /// <summary>The RowKey just past every row of <paramref name="at"/> (rows sort newest first).</summary>
    public static string AfterRowsOf(DateTimeOffset at) => StorageKeys.InvertedTime(at) + AfterInstant;

    public static TableEntity ToEntity(StoredAction action, ActionSubject subject, string rowKey)
    {
        var entity = new TableEntity(PartitionKey(action.TenantId, subject), rowKey)
        {
            ["ActionToken"] = action.ActionToken,
            ["OccurredAt"] = action.OccurredAt,
            ["Recommendation"] = action.Recommendation,
        };
        entity.SetIfPresent("UserId", action.SubjectUserId);
        entity.SetIfPresent("DeviceId", action.DeviceId);
        return entity;
    }

    /// <summary>A row of an action known from the index (or the activity feed) under another subject.</summary>
    public static TableEntity ToEntity(string tenantId, ActionSubject subject, IndexedAction action)
    {
        var entity = new TableEntity(PartitionKey(tenantId, subject), RowKey(action.OccurredAt, action.ActionToken))
        {
            ["ActionToken"] = action.ActionToken,
            ["OccurredAt"] = action.OccurredAt,
            ["Recommendation"] = action.Recommendation,
        };
        entity.SetIfPresent("UserId", action.UserId);
        entity.SetIfPresent("DeviceId", action.DeviceId);
        return entity;
    }

    public static IndexedAction FromEntity(TableEntity entity) => new(
        entity.GetString("ActionToken") ?? string.Empty,
        entity.GetDateTimeOffset("OccurredAt") ?? default,
        entity.GetString("UserId"),
        entity.GetString("DeviceId"),
        entity.GetString("Recommendation") ?? string.Empty);

    public static TableEntity ToStateEntity(string partitionKey, SubjectState state)
    {
        var recent = new byte[state.Recent.Count * RecentBytes];
        for (var i = 0; i < state.Recent.Count; i++)
        {
            var entry = recent.AsSpan(i * RecentBytes, RecentBytes);
            var action = state.Recent[i];
            BinaryPrimitives.WriteInt64BigEndian(entry, action.Ticks);
            BinaryPrimitives.WriteUInt64BigEndian(entry[8..], action.Token);
            BinaryPrimitives.WriteUInt64BigEndian(entry[16..], action.User);
            BinaryPrimitives.WriteUInt64BigEndian(entry[24..], action.Device);
        }

        var links = new byte[state.Links.Count * sizeof(ulong)];
        for (var i = 0; i < state.Links.Count; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(links.AsSpan(i * sizeof(ulong)), state.Links[i]);
        }

        return new TableEntity(partitionKey, StateRowKey) { ["Recent"] = recent, ["Links"] = links, ETag = state.ETag };
    }

    public static SubjectState FromStateEntity(TableEntity entity)
    {
        var bytes = entity.GetBinary("Recent") ?? [];
        var recent = new List<RecentAction>(bytes.Length / RecentBytes);
        for (var offset = 0; offset + RecentBytes <= bytes.Length; offset += RecentBytes)
        {
            var entry = bytes.AsSpan(offset, RecentBytes);
            recent.Add(new RecentAction(
                BinaryPrimitives.ReadInt64BigEndian(entry),
                BinaryPrimitives.ReadUInt64BigEndian(entry[8..]),
                BinaryPrimitives.ReadUInt64BigEndian(entry[16..]),
                BinaryPrimitives.ReadUInt64BigEndian(entry[24..])));
        }

        var linkBytes = entity.GetBinary("Links") ?? [];
        var links = new List<ulong>(linkBytes.Length / sizeof(ulong));
        for (var offset = 0; offset + sizeof(ulong) <= linkBytes.Length; offset += sizeof(ulong))
        {
            links.Add(BinaryPrimitives.ReadUInt64BigEndian(linkBytes.AsSpan(offset)));
        }

        return new SubjectState(recent, links, entity.ETag);
    }
}
