using Azure.Data.Tables;
using RiskFunctions.Domain.Contract.Dialects.Lithic;
using RiskFunctions.Domain.Labels.Dialects;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.FraudReports;

/// <summary>
/// The fraud reports table: one row per reported transaction, PartitionKey tenant + the token's first two hex digits,
/// RowKey the transaction token. Enum values are stored by name, which never changes.
/// </summary>
internal static class FraudReportsTable
{
    public const string FraudReportsTableName = "fraudreports";

    /// <summary>PartitionKey: tenant and the token's first two hex digits, like the actions the reports are about.</summary>
    public static string PartitionKey(string tenantId, string transactionToken) => TableKeyEncoder.Join(tenantId, transactionToken[..2]);

    /// <summary>RowKey: the transaction token itself.</summary>
    public static string RowKey(string transactionToken) => transactionToken;

    public static TableEntity ToEntity(StoredFraudReport stored)
    {
        var report = stored.Report;
        var entity = new TableEntity(PartitionKey(stored.TenantId, report.TransactionToken), RowKey(report.TransactionToken))
        {
            ["TenantId"] = stored.TenantId,
            ["FraudStatus"] = report.Status.ToString(),
            ["CreatedAt"] = report.CreatedAt,
            ["UpdatedAt"] = report.UpdatedAt,
            ["Version"] = report.Version,
            ["LabelId"] = stored.LabelId,
            ["LabelAccepted"] = stored.LabelAccepted,
        };
        entity.SetIfPresent("FraudType", report.Type?.ToString());
        entity.SetIfPresent("Comment", report.Comment);
        entity.SetIfPresent("ReportedBy", report.ReportedBy);
        return entity;
    }

    public static StoredFraudReport FromEntity(TableEntity entity) => new()
    {
        TenantId = entity.GetString("TenantId")!,
        Report = new FraudReport
        {
            TransactionToken = entity.RowKey,
            Status = Enum.Parse<LithicFraudStatus>(entity.GetString("FraudStatus")!),
            Type = entity.GetString("FraudType") is { } type ? Enum.Parse<LithicFraudType>(type) : null,
            Comment = entity.GetString("Comment"),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt")!.Value,
            UpdatedAt = entity.GetDateTimeOffset("UpdatedAt")!.Value,
            Version = entity.GetInt32("Version")!.Value,
            ReportedBy = entity.GetString("ReportedBy"),
        },
        LabelId = entity.GetString("LabelId")!,
        LabelAccepted = entity.GetBoolean("LabelAccepted") ?? false,
        ETag = entity.ETag,
    };

    /// <summary>The report of a row, or null when the row is not readable.</summary>
    public static StoredFraudReport? TryFromEntity(TableEntity entity) => EntityMapping.TryRead(entity, FromEntity);
}
