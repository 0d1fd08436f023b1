using System.Security.Cryptography;
using Azure.Core;
using Azure.Data.Tables;
using RiskFunctions.Domain.Contract.Dialects.Lithic;
using RiskFunctions.Domain.Labels.Dialects;
using RiskFunctions.Storage.FraudReports;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.FraudReports;

/// <summary>The fraud report table on Azurite: round trips, conditional writes, tenant isolation, the scan for missing labels.</summary>
public sealed class FraudReportRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private FraudReportRepository _reports = null!;

    public async Task InitializeAsync() => _reports = new FraudReportRepository(await RiskTablesFixture.CreateAsync(azurite));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryAdd_ThenGet_RoundTripsEveryField()
    {
        var report = Report() with { Type = LithicFraudType.CardholderManipulation, Comment = "line one\nline two", ReportedBy = "client-1" };

        var added = await _reports.TryAddAsync(Stored("t1", report));
        var read = await _reports.GetAsync("t1", report.TransactionToken);

        Assert.NotNull(added);
        Assert.NotEqual(default, added.ETag);
        Assert.NotEqual(default, added.OutboxETag);
        Assert.Equal(added with { OutboxETag = default }, read);
    }

    [Fact]
    public async Task TryAdd_ReportExists_ReturnsNullAndKeepsTheFirst()
    {
        var report = Report();
        await _reports.TryAddAsync(Stored("t1", report));

        var second = await _reports.TryAddAsync(Stored("t1", report with { Status = LithicFraudStatus.NotFraudulent }));

        Assert.Null(second);
        Assert.Equal(LithicFraudStatus.SuspectedFraud, (await _reports.GetAsync("t1", report.TransactionToken))!.Report.Status);
    }

    [Fact]
    public async Task TryUpdate_StaleETag_ReturnsNullAndKeepsTheWinner()
    {
        var original = await _reports.TryAddAsync(Stored("t1", Report()));
        var winner = await _reports.TryUpdateAsync(original! with { Report = original.Report with { Status = LithicFraudStatus.Fraudulent, Version = 2 } });

        var loser = await _reports.TryUpdateAsync(original with { Report = original.Report with { Status = LithicFraudStatus.NotFraudulent, Version = 2 } });

        Assert.NotNull(winner);
        Assert.NotEqual(original.ETag, winner.ETag);
        Assert.Null(loser);
        Assert.Equal(LithicFraudStatus.Fraudulent, (await _reports.GetAsync("t1", original.Report.TransactionToken))!.Report.Status);
    }

    [Fact]
    public async Task Get_AnotherTenantsTransaction_IsNotFound()
    {
        var report = Report();
        await _reports.TryAddAsync(Stored("owner", report));

        Assert.Null(await _reports.GetAsync("other", report.TransactionToken));
    }

    [Fact]
    public async Task Get_MalformedToken_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _reports.GetAsync("t1", "not-a-token"));
    }

    [Fact]
    public async Task QueryUnlabeled_ListsOnlyOldEnoughVersionsWhoseLabelIsMissing()
    {
        var missing = await _reports.TryAddAsync(Stored("t-scan", Report()));
        var recent = await _reports.TryAddAsync(Stored("t-scan", Report() with { UpdatedAt = At.AddMinutes(10) }));
        var accepted = await _reports.TryAddAsync(Stored("t-scan", Report()) with { LabelAccepted = true });

        var found = new List<string>();
        await foreach (var report in _reports.QueryUnlabeledAsync(At.AddMinutes(1)))
        {
            found.Add(report.Report.TransactionToken);
        }

        Assert.Contains(missing!.Report.TransactionToken, found);
        Assert.DoesNotContain(recent!.Report.TransactionToken, found);
        Assert.DoesNotContain(accepted!.Report.TransactionToken, found);
    }

    /// <summary>After an instance's first pass, the search reads the outbox, not every report ever stored; an accepted label takes the report out.</summary>
    [Fact]
    public async Task QueryUnlabeled_AfterTheFirstPass_ReadsTheOutboxAndLeavesAcceptedReportsOut()
    {
        var (tables, log) = await LoggedTables.CreateAsync(azurite, FraudReportTables.All, azurite.NewTablePrefix());
        var reports = new FraudReportRepository(tables);
        var owed = await reports.TryAddAsync(Stored("t-outbox", Report()));
        var accepted = await reports.TryAddAsync(Stored("t-outbox", Report()));
        await reports.TryUpdateAsync(accepted! with { LabelAccepted = true });

        var first = await UnlabeledAsync(reports);
        log.Clear();
        var second = await UnlabeledAsync(reports);

        Assert.Equal([owed!.Report.TransactionToken], first);
        Assert.Equal(first, second);
        Assert.DoesNotContain(log.Sent, request => request.EndsWith("fraudreports()", StringComparison.Ordinal));
    }

    /// <summary>
    /// A newer version owing its label, written between the write that accepted the label of the version before it and
    /// that write's removal of the outbox entry, keeps the entry: the removal is of the entry the accepting write saw.
    /// Both the accepting write that put the entry there itself and one that only read the report (the relay's case).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TryUpdate_NewerVersionOwesItsLabelBeforeTheAcceptedOnesEntryIsRemoved_StaysInTheOutbox(bool acceptedByTheWriterOfTheEntry)
    {
        var prefix = azurite.NewTablePrefix();
        var (tables, _) = await LoggedTables.CreateAsync(azurite, FraudReportTables.All, prefix);
        var reports = new FraudReportRepository(tables);
        var owed = await reports.TryAddAsync(Stored("t-outbox-race", Report()));
        Assert.Equal([owed!.Report.TransactionToken], await UnlabeledAsync(reports));
        StoredFraudReport? newer = null;
        var race = new RaceBeforeRequest(
            request => request.Method == RequestMethod.Delete,
            async () =>
            {
                var accepted = await reports.GetAsync("t-outbox-race", owed.Report.TransactionToken);
                newer = await reports.TryUpdateAsync(accepted! with
                {
                    Report = accepted.Report with { Status = LithicFraudStatus.Fraudulent, Version = 2 },
                    LabelAccepted = false,
                });
            });
        var options = new TableClientOptions();
        options.AddPolicy(race, HttpPipelinePosition.PerRetry);
        var raced = new FraudReportRepository(new RiskTables(azurite.CreateServiceClient(options), prefix));
        var accepting = acceptedByTheWriterOfTheEntry ? owed : (await raced.GetAsync("t-outbox-race", owed.Report.TransactionToken))!;

        await raced.TryUpdateAsync(accepting with { LabelAccepted = true });

        Assert.True(race.Raced);
        Assert.NotNull(newer);
        Assert.Equal([owed.Report.TransactionToken], await UnlabeledAsync(reports));
        Assert.Equal(2, (await reports.GetAsync("t-outbox-race", owed.Report.TransactionToken))!.Report.Version);
    }

    private static async Task<List<string>> UnlabeledAsync(FraudReportRepository reports)
    {
        var found = new List<string>();
        await foreach (var report in reports.QueryUnlabeledAsync(At.AddMinutes(1)))
        {
            found.Add(report.Report.TransactionToken);
        }

        return found;
    }

    private static FraudReport Report() => new()
    {
        TransactionToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
        Status = LithicFraudStatus.SuspectedFraud,
        CreatedAt = At,
        UpdatedAt = At,
        Version = 1,
    };

    private static StoredFraudReport Stored(string tenantId, FraudReport report) =>
        new() { TenantId = tenantId, Report = report, LabelId = "0123456789abcdef0123456789abcdef" };
}
