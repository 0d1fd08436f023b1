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

    /// <summary>Sorts after every row of one instant: <c>{inverted time}|~</c> bounds a time range.</summary>
    private const string AfterInstant = "|~";

    /// <summary>The properties <see cref="FromEntity"/> reads, and the RowKey a page continues after.</summary>
    public static IReadOnlyList<string> IndexedProperties { get; } = ["RowKey", "ActionToken", "OccurredAt", "UserId", "DeviceId", "Recommendation", "Ip"];

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
        entity.SetIfPresent("Ip", action.Ip);
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
        entity.SetIfPresent("Ip", action.Ip);
        return entity;
    }

    public static IndexedAction FromEntity(TableEntity entity) => new(
        entity.GetString("ActionToken") ?? string.Empty,
        entity.GetDateTimeOffset("OccurredAt") ?? default,
        entity.GetString("UserId"),
        entity.GetString("DeviceId"),
        entity.GetString("Recommendation") ?? string.Empty,
        entity.GetString("Ip"));
}
