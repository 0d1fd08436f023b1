using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Domain.FraudRings;
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
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Tests;

public sealed class StorageTablesTests
{
    /// <summary>A tenant id with characters the Table service does not accept in keys, and the key separator.</summary>
    private const string Tenant = "ten|ant/#1";

    private const string Token = "ab0123456789abcdef0123456789abcd";

    public static TheoryData<string, string> PartitionKeys => new()
    {
        { "actions", ActionsTable.PartitionKey(Tenant, Token) },
        { "actionindex", ActionIndexTable.PartitionKey(Tenant, new ActionSubject(ActionSubjectKind.IpAddress, "10.0.0.1")) },
        { "links users", LinksTable.UsersOfDevice(Tenant, "device") },
        { "links devices", LinksTable.DevicesOfUser(Tenant, "user") },
        { "profiles", ProfilesTable.PartitionKey(Tenant, "user") },
        { "population feature", PopulationTable.FeaturePartition(Tenant, FeatureKind.Country, "U|S/#") },
        { "population tenant", PopulationTable.TenantTotalsPartition(Tenant) },
        { "reputation", ReputationTable.PartitionKey(Tenant, ReputationEntityKind.Ip, "10.0.0.1") },
        { "idempotency", IdempotencyTable.PartitionKey(Tenant, "trigger-action", "key") },
        { "labels", LabelsTable.PartitionKey(Tenant) },
        { "labels subject", LabelsTable.SubjectPartitionKey(Tenant, new ActionSubject(ActionSubjectKind.UserId, "user")) },
        { "fraudreports", FraudReportsTable.PartitionKey(Tenant, Token) },
        { "rules", RuleTableKeys.Partition(Tenant) },
        { "rulehits", RuleHitsTable.PartitionKey(Tenant) },
        { "clients", ClientsTable.PartitionKey(Tenant) },
        { "activity", ActivityTable.PartitionKey(Tenant, Token) },
        { "fraudrings rings", FraudRingsTable.RingsPartition(Tenant) },
        { "fraudrings members", FraudRingsTable.MembersPartition(Tenant) },
        { "fraudrings users of", FraudRingsTable.UsersOf(Tenant, new LinkEntity(LinkKind.Card, "411111|0001")) },
        { "fraudrings entities of", FraudRingsTable.EntitiesOf(Tenant, "user") },
        { "campaigns", CampaignsTable.PartitionKey(Tenant) },
        { "outbox labels", OutboxTable.PartitionKey(OutboxKind.Label, Tenant) },
        { "outbox fraud reports", OutboxTable.PartitionKey(OutboxKind.FraudReport, Tenant) },
    };

    [Theory]
    [MemberData(nameof(PartitionKeys))]
    public void PartitionKey_AnyTable_StartsWithTheEncodedTenant(string table, string partitionKey)
    {
        var tenant = TableKeyEncoder.Encode(Tenant);

        Assert.True(
            partitionKey == tenant || partitionKey.StartsWith(tenant + "|", StringComparison.Ordinal),
            $"{table}: {partitionKey}");
        Assert.True(TableKeyEncoder.IsValidKey(partitionKey), $"{table}: {partitionKey}");
    }

    [Fact]
    public void All_EveryTable_ListedOnceWithThePublicNames()
    {
        string[] published =
        [
            .. ActionTables.All, .. ProfileTables.All, .. ReputationTables.All, .. IdempotencyTables.All, .. LabelTables.All,
            .. FraudReportTables.All, .. CampaignTables.All, RuleRepository.TableName, RuleHitStore.TableName, ClientRepository.TableName,
        ];

        Assert.Equal(StorageTables.All.Count, StorageTables.All.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(published.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), StorageTables.All.Order(StringComparer.Ordinal));
    }
}
