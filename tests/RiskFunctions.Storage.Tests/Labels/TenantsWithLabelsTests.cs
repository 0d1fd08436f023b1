using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Labels;

/// <summary>The skip scan that finds the tenants training should look at: tenants with labels, not those with subject rows alone.</summary>
public sealed class TenantsWithLabelsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private LabelRepository _labels = null!;
    private SubjectLabelRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        // A table set per test: the scan sees every tenant of the table.
        var tables = new RiskTables(azurite.CreateServiceClient(), azurite.NewTablePrefix());
        await tables.EnsureCreatedAsync(LabelTables.All);
        _labels = new LabelRepository(tables);
        _registry = new SubjectLabelRegistry(tables);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ListTenantsWithLabels_ManyLabelsAndSubjectRows_EachTenantOnceInKeyOrder()
    {
        foreach (var tenant in new[] { "acme", "acme|2", "beta", "zeta" })
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.NotNull(await _labels.TryAddAsync(Label(tenant)));
            }
        }

        // Subject rows of a tenant without labels of its own (and of the others) sort between the label partitions.
        await _registry.RegisterAsync("alpha", new ActionSubject(ActionSubjectKind.UserId, "u"), new ActionLabelMark("l", "ConfirmedFraud", At));
        await _registry.RegisterAsync("beta", new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.1"), new ActionLabelMark("l", "ConfirmedFraud", At));
        await _registry.RegisterAsync("acme", new ActionSubject(ActionSubjectKind.UserId, "u"), new ActionLabelMark("l", "ConfirmedFraud", At));
        await _registry.RegisterAsync("acme", new ActionSubject(ActionSubjectKind.DeviceId, "d"), new ActionLabelMark("l", "ConfirmedFraud", At));
        await _registry.RegisterAsync("omega", new ActionSubject(ActionSubjectKind.DeviceId, "d"), new ActionLabelMark("l", "ConfirmedFraud", At));

        var tenants = new List<string>();
        await foreach (var tenant in _labels.ListTenantsWithLabelsAsync())
        {
            tenants.Add(tenant);
        }

        // Key order: "acme|2" is stored as "acme%7C2", before "acme|label".
        Assert.Equal(["acme|2", "acme", "beta", "zeta"], tenants);
    }

    [Fact]
    public async Task ListTenantsWithLabels_NoLabels_IsEmpty()
    {
        await foreach (var tenant in _labels.ListTenantsWithLabelsAsync())
        {
            Assert.Fail("Unexpected tenant " + tenant);
        }
    }

    private static StoredLabel Label(string tenant) => new()
    {
        TenantId = tenant,
        Label = new Label { LabelId = Guid.NewGuid().ToString("N"), Type = LabelType.ConfirmedFraud, Subject = new LabelTarget(LabelSubjectType.UserId, "u"), LabeledAt = At },
        StateChangedAt = At,
    };
}
