using Azure.Data.Tables;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Labels;

/// <summary>
/// The labels table. Two kinds of rows: each label (PartitionKey tenant + <c>label</c>, RowKey the label id; enum
/// values stored by name, which never changes), and each labeled subject's newest label (PartitionKey the subject's
/// action index partition, RowKey <c>newest-label</c>).
/// </summary>
internal static class LabelsTable
{
    public const string LabelsTableName = "labels";

    /// <summary>RowKey of a subject's newest-label row.</summary>
    public const string NewestLabelRowKey = "newest-label";

    private const char ListSeparator = ',';

    /// <summary>PartitionKey of labels: the tenant (a tenant's labels are listed and counted together).</summary>
    public static string PartitionKey(string tenantId) => TableKeyEncoder.Join(tenantId, "label");

    /// <summary>RowKey of a label: its id.</summary>
    public static string RowKey(string labelId) => labelId;

    /// <summary>PartitionKey of a subject's newest-label row: the subject's partition in the action index.</summary>
    public static string SubjectPartitionKey(string tenantId, ActionSubject subject) => ActionIndexTable.PartitionKey(tenantId, subject);

    public static TableEntity ToNewestLabelEntity(string partitionKey, ActionLabelMark label) => new(partitionKey, NewestLabelRowKey)
    {
        ["LabelId"] = label.LabelId,
        ["LabelType"] = label.LabelType,
        ["LabeledAt"] = label.LabeledAt,
    };

    public static ActionLabelMark FromNewestLabelEntity(TableEntity entity) => new(
        entity.GetString("LabelId") ?? string.Empty,
        entity.GetString("LabelType") ?? string.Empty,
        entity.GetDateTimeOffset("LabeledAt") ?? default);

    public static TableEntity ToEntity(StoredLabel stored)
    {
        var label = stored.Label;
        var entity = new TableEntity(PartitionKey(stored.TenantId), RowKey(label.LabelId))
        {
            ["TenantId"] = stored.TenantId,
            ["LabelType"] = label.Type.ToString(),
            ["SubjectType"] = label.Subject.Type.ToString(),
            ["SubjectValue"] = label.Subject.Value,
            ["LabeledAt"] = label.LabeledAt,
            ["Origin"] = label.Origin,
            ["State"] = stored.State.ToString(),
            ["AffectedCount"] = stored.AffectedCount,
            ["StateChangedAt"] = stored.StateChangedAt,
            ["Relays"] = stored.Relays,
        };
        entity.SetIfPresent("Recommendations", label.Subject.Recommendations is { } filters ? string.Join(ListSeparator, filters) : null);
        entity.SetIfPresent("IsCampaignConfirmed", label.Subject.IsCampaignConfirmed);
        entity.SetIfPresent("UseCase", label.UseCase?.ToString());
        entity.SetIfPresent("Source", label.Source?.ToString());
        entity.SetIfPresent("Author", label.Author);
        entity.SetIfPresent("Comment", label.Comment);
        entity.SetIfPresent("Checkpoint", stored.Checkpoint);
        entity.SetIfPresent("MessageSentAt", stored.MessageSentAt);
        entity.SetIfPresent("FailureReason", stored.FailureReason);
        return entity;
    }

    public static StoredLabel FromEntity(TableEntity entity)
    {
        var recommendations = entity.GetString("Recommendations");
        var label = new Label
        {
            LabelId = entity.RowKey,
            Type = Enum.Parse<LabelType>(entity.GetString("LabelType")!),
            Subject = new LabelTarget(
                Enum.Parse<LabelSubjectType>(entity.GetString("SubjectType")!),
                entity.GetString("SubjectValue")!,
                recommendations is null ? null : [.. recommendations.Split(ListSeparator).Select(Enum.Parse<LabelRecommendationFilter>)],
                entity.GetBoolean("IsCampaignConfirmed")),
            UseCase = entity.GetString("UseCase") is { } useCase ? Enum.Parse<LabelUseCase>(useCase) : null,
            Source = entity.GetString("Source") is { } source ? Enum.Parse<LabelSource>(source) : null,
            LabeledAt = entity.GetDateTimeOffset("LabeledAt")!.Value,
            Origin = entity.GetString("Origin") ?? LabelOrigins.Risk,
            Author = entity.GetString("Author"),
            Comment = entity.GetString("Comment"),
        };
        return new StoredLabel
        {
            TenantId = entity.GetString("TenantId")!,
            Label = label,
            State = Enum.Parse<LabelPropagationState>(entity.GetString("State")!),
            AffectedCount = entity.GetInt64("AffectedCount") ?? 0,
            Checkpoint = entity.GetString("Checkpoint"),
            MessageSentAt = entity.GetDateTimeOffset("MessageSentAt"),
            StateChangedAt = entity.GetDateTimeOffset("StateChangedAt")!.Value,
            FailureReason = entity.GetString("FailureReason"),
            Relays = entity.GetInt32("Relays") ?? 0,
            ETag = entity.ETag,
        };
    }

    /// <summary>The label of a row, or null when the row is not readable.</summary>
    public static StoredLabel? TryFromEntity(TableEntity entity) => EntityMapping.TryRead(entity, FromEntity);
}
