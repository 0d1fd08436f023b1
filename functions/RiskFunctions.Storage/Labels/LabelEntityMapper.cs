using Azure.Data.Tables;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Labels;

/// <summary>Maps <see cref="StoredLabel"/> to and from its row. Enum values are stored by name, which never changes.</summary>
internal static class LabelEntityMapper
{
    private const char ListSeparator = ',';

    /// <summary>PartitionKey: the tenant (a tenant's labels are listed and counted together).</summary>
    public static string PartitionKey(string tenantId) => TableKeyEncoder.Join(tenantId, "label");

    public static TableEntity ToEntity(StoredLabel stored)
    {
        var label = stored.Label;
        var entity = new TableEntity(PartitionKey(stored.TenantId), label.LabelId)
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
