using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Storage.Tables;

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
        SetIfPresent(entity, "Recommendations", label.Subject.Recommendations is { } filters ? string.Join(ListSeparator, filters) : null);
        SetIfPresent(entity, "IsCampaignConfirmed", label.Subject.IsCampaignConfirmed);
        SetIfPresent(entity, "UseCase", label.UseCase?.ToString());
        SetIfPresent(entity, "Source", label.Source?.ToString());
        SetIfPresent(entity, "Author", label.Author);
        SetIfPresent(entity, "Comment", label.Comment);
        SetIfPresent(entity, "Checkpoint", stored.Checkpoint);
        SetIfPresent(entity, "MessageSentAt", stored.MessageSentAt);
        SetIfPresent(entity, "FailureReason", stored.FailureReason);
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

    /// <summary>The label of a row, or null when the row is not a readable label.</summary>
    public static StoredLabel? TryFromEntity(TableEntity entity)
    {
        try
        {
            return FromEntity(entity);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or InvalidCastException)
        {
            return null;
        }
    }

    private static void SetIfPresent(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
