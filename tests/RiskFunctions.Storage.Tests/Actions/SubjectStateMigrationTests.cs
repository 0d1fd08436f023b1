using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Actions;

public sealed class SubjectStateMigrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 2, 1, 12, 0, 0, TimeSpan.Zero);

    private RiskTables _tables = null!;
    private SubjectStateRepository _states = null!;

    public async Task InitializeAsync()
    {
        // Tables of this test alone: the migration reads whole tables.
        _tables = new RiskTables(azurite.CreateServiceClient(), azurite.NewTablePrefix());
        await _tables.EnsureCreatedAsync(RiskTablesFixture.AllTables);
        _states = new SubjectStateRepository(_tables);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RunAsync_LinksOfEarlierVersions_CountInBothSubjectsStatesOnce()
    {
        const string Tenant = "t-mig-links";
        var links = new LinkRepository(_tables);
        await links.LinkAsync(Tenant, "u1", "d1");
        await links.LinkAsync(Tenant, "u1", "d2");
        await links.LinkAsync(Tenant, "u2", "d1");
        await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: "d1", at: At));

        var first = await new SubjectStateMigration(_tables).RunAsync();
        var second = await new SubjectStateMigration(_tables).RunAsync();

        Assert.Equal(2, (await State(Tenant, ActionSubjectKind.UserId, "u1")).CountLinks(null));
        Assert.Equal(2, (await State(Tenant, ActionSubjectKind.DeviceId, "d1")).CountLinks(null));
        Assert.Equal(1, (await State(Tenant, ActionSubjectKind.DeviceId, "d2")).CountLinks("u1"));
        Assert.Single((await State(Tenant, ActionSubjectKind.UserId, "u1")).Recent);
        Assert.True(first.LinksAdded >= 4, $"added {first.LinksAdded}");
        Assert.Equal(0, second.LinksAdded);
    }

    [Fact]
    public async Task RunAsync_ReputationRowOfEarlierVersions_MovesIntoTheStateAndCountsOnce()
    {
        const string Tenant = "t-mig-rep";
        var table = _tables.GetTable(ReputationTables.ReputationTableName);
        var old = EntityReputation.Clean.WithLabel(new ReputationLabel("old", ReputationStanding.ConfirmedFraud, At));
        await table.AddEntityAsync(OldRow(Tenant, "user", "u1", old));
        await table.AddEntityAsync(OldRow(Tenant, "ip", "192.0.2.9", old));
        await table.AddEntityAsync(OldRow(Tenant, "fp", "print", old));
        var reputation = new ReputationRepository(_tables);

        // Before the migration the old rows of users and addresses are not read; a newer label lands in the state.
        Assert.Equal(ReputationStanding.None, (await reputation.GetAsync(Tenant, ReputationEntityKind.User, "u1")).Standing);
        await reputation.ApplyLabelAsync(Tenant, ReputationEntityKind.User, "u1", new ReputationLabel("new", ReputationStanding.ConfirmedLegit, At.AddDays(1)));

        var first = await new SubjectStateMigration(_tables).RunAsync();
        var second = await new SubjectStateMigration(_tables).RunAsync();

        var user = await reputation.GetAsync(Tenant, ReputationEntityKind.User, "u1");
        Assert.Equal(ReputationStanding.ConfirmedLegit, user.Standing);
        Assert.Equal((1, 1), (user.FraudLabels, user.LegitLabels));
        Assert.Equal(["new", "old"], user.RecentLabelIds);
        Assert.Equal(ReputationStanding.ConfirmedFraud, (await reputation.GetAsync(Tenant, ReputationEntityKind.Ip, "192.0.2.9")).Standing);
        Assert.Equal(ReputationStanding.ConfirmedFraud, (await reputation.GetAsync(Tenant, ReputationEntityKind.Fingerprint, "print")).Standing);
        Assert.Equal((2, 0), (first.ReputationMoved, second.ReputationMoved));
        Assert.Single(await table.QueryAsync<TableEntity>(row => row.PartitionKey.CompareTo(Tenant) >= 0 && row.PartitionKey.CompareTo(Tenant + "~") < 0).ToListAsync());
    }

    [Fact]
    public async Task RunAsync_StoppedBetweenMergeAndDelete_DoesNotCountTheRowTwice()
    {
        const string Tenant = "t-mig-resume";
        var table = _tables.GetTable(ReputationTables.ReputationTableName);
        var old = EntityReputation.Clean.WithLabel(new ReputationLabel("old", ReputationStanding.ConfirmedFraud, At));
        await table.AddEntityAsync(OldRow(Tenant, "dev", "d1", old));
        await new SubjectStateMigration(_tables).RunAsync();

        // As if the first run had merged the row but stopped before deleting it.
        await table.AddEntityAsync(OldRow(Tenant, "dev", "d1", old));
        await new SubjectStateMigration(_tables).RunAsync();

        var device = await new ReputationRepository(_tables).GetAsync(Tenant, ReputationEntityKind.Device, "d1");
        Assert.Equal(1, device.FraudLabels);
        Assert.Equal(ReputationStanding.ConfirmedFraud, device.Standing);
    }

    private Task<SubjectState> State(string tenant, ActionSubjectKind kind, string value) => _states.ReadAsync(tenant, new ActionSubject(kind, value));

    private static TableEntity OldRow(string tenant, string code, string value, EntityReputation reputation)
    {
        var entity = new TableEntity($"{tenant}|rep|{code}|{value}", "rep")
        {
            ["Standing"] = reputation.Standing.ToString(),
            ["FraudLabels"] = reputation.FraudLabels,
            ["LegitLabels"] = reputation.LegitLabels,
            ["RecentLabelIds"] = string.Join('\n', reputation.RecentLabelIds),
            ["LabelId"] = reputation.LabelId,
            ["LabeledAt"] = reputation.LabeledAt,
        };
        return entity;
    }
}
