using Azure.Data.Tables;

namespace RiskFunctions.Storage.Rules;

internal static class RuleSetVersionMapper
{
    public const string VersionProperty = "Version";
    public const string RuleCountProperty = "RuleCount";
    public const string ValueCountProperty = "ValueCount";
    public const string UpdatedAtProperty = "UpdatedAt";

    public static RuleSetVersion FromEntity(TableEntity entity) => new(
        entity.GetInt64(VersionProperty) ?? 0,
        entity.GetInt32(RuleCountProperty) ?? 0,
        entity.GetInt32(ValueCountProperty) ?? 0,
        entity.ETag);
}
