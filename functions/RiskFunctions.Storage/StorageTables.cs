using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Clients;
using RiskFunctions.Storage.FraudReports;
using RiskFunctions.Storage.Idempotency;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Storage.Rules;

namespace RiskFunctions.Storage;

/// <summary>
/// Every table the service uses, by logical name (the configured prefix is prepended). The one list the
/// start-up initializer creates; infra/ provisions the same names (its tests read each table's
/// <c>TableName</c> constant).
/// </summary>
public static class StorageTables
{
    public static IReadOnlyList<string> All { get; } =
    [
        ActionTables.ActionsTableName,
        ActionTables.ActionIndexTableName,
        ActionTables.LinksTableName,
        ProfileTables.ProfilesTableName,
        ProfileTables.PopulationTableName,
        ReputationTables.ReputationTableName,
        IdempotencyTables.IdempotencyTableName,
        LabelTables.LabelsTableName,
        FraudReportTables.FraudReportsTableName,
        RuleRepository.TableName,
        RuleHitStore.TableName,
        ClientRepository.TableName,
    ];
}
