using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Labels;

public sealed class SubjectLabelRegistryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private SubjectLabelRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        var tables = await RiskTablesFixture.CreateAsync(azurite);
        await tables.EnsureCreatedAsync(LabelTables.All);
        _registry = new SubjectLabelRegistry(tables);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Register_NewerThenOlderThenNewerAgain_KeepsTheNewer()
    {
        var subject = NewSubject();
        var newer = new ActionLabelMark("b", "CONFIRMED_LEGIT", At.AddHours(1));
        var older = new ActionLabelMark("a", "CONFIRMED_FRAUD", At);

        Assert.Equal(newer, await _registry.RegisterAsync("tenant-r", subject, newer));
        Assert.Equal(newer, await _registry.RegisterAsync("tenant-r", subject, older));
        Assert.Equal(newer, await _registry.RegisterAsync("tenant-r", subject, newer));
        Assert.Equal(newer, await _registry.GetNewestAsync("tenant-r", subject));
    }

    [Fact]
    public async Task Register_SameTimestamp_TheLargerLabelIdWins()
    {
        var subject = NewSubject();

        await _registry.RegisterAsync("tenant-r", subject, new ActionLabelMark("b", "CONFIRMED_FRAUD", At));
        await _registry.RegisterAsync("tenant-r", subject, new ActionLabelMark("a", "CONFIRMED_LEGIT", At));

        Assert.Equal("b", (await _registry.GetNewestAsync("tenant-r", subject))!.LabelId);
    }

    [Fact]
    public async Task Register_ManyAtOnce_EndsWithTheNewestWhateverTheOrder()
    {
        var subject = NewSubject();
        var labels = Enumerable.Range(0, 12).Select(i => new ActionLabelMark("l" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), "CONFIRMED_FRAUD", At.AddMinutes(i))).ToList();

        await Task.WhenAll(labels.AsEnumerable().Reverse().Select(label => Task.Run(() => _registry.RegisterAsync("tenant-r", subject, label))));

        Assert.Equal(labels[^1], await _registry.GetNewestAsync("tenant-r", subject));
    }

    [Fact]
    public async Task GetNewest_OtherTenantOrSubject_IsNone()
    {
        var subject = NewSubject();
        await _registry.RegisterAsync("tenant-r", subject, new ActionLabelMark("a", "CONFIRMED_FRAUD", At));

        Assert.Null(await _registry.GetNewestAsync("tenant-other", subject));
        Assert.Null(await _registry.GetNewestAsync("tenant-r", subject with { Kind = ActionSubjectKind.CorrelationId }));
    }

    private static ActionSubject NewSubject() => new(ActionSubjectKind.UserId, "user-" + Guid.NewGuid().ToString("N"));
}
