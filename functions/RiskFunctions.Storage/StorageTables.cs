using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Activity;
using RiskFunctions.Storage.Campaigns;
using RiskFunctions.Storage.Clients;
using RiskFunctions.Storage.FraudReports;
using RiskFunctions.Storage.FraudRings;
using RiskFunctions.Storage.Idempotency;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Outbox;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Storage.Rules;

namespace RiskFunctions.Storage;

/// <summary>
/// Every table the service uses, by logical name (the configured prefix is prepended). The one list the
/// start-up initializer creates; infra/ provisions the same names (its tests read each table's
/// <c>TableName</c> constant). Each name comes from the table's own type, which also owns its keys and rows.
/// </summary>
public static class StorageTables
{
    public static IReadOnlyList<string> All { get; } =
    [
        ActionsTable.ActionsTableName,
        ActionIndexTable.ActionIndexTableName,
        LinksTable.LinksTableName,
        ProfilesTable.ProfilesTableName,
        PopulationTable.PopulationTableName,
        ReputationTable.ReputationTableName,
        IdempotencyTable.IdempotencyTableName,
        LabelsTable.LabelsTableName,
        FraudReportsTable.FraudReportsTableName,
        RuleTableKeys.RulesTableName,
        RuleHitsTable.RuleHitsTableName,
        ClientsTable.ClientsTableName,
        ActivityTable.ActivityTableName,
        FraudRingsTable.FraudRingsTableName,
        CampaignsTable.CampaignsTableName,
        OutboxTable.OutboxTableName,
    ];
}
