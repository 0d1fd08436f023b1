using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using RiskFunctions.Benchmarks.Storage;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Benchmarks.Labels;

/// <summary>
/// What one pass of the outbox relay's search for abandoned labels costs when the labels table holds a long history:
/// N propagated labels of 10 tenants and a few abandoned ones, on a real Azurite this program starts. Beside it, in the
/// same run and on the same table, the search the relay made before the outbox: one filter over the whole table
/// (<c>State</c> and <c>StateChangedAt</c>), which every pass sent.
/// </summary>
/// <remarks>Usage: <c>label-relay-cost [--labels 20000] [--abandoned 20] [--output file.md]</c></remarks>
internal static class LabelRelayCost
{
    private const int Tenants = 10;
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PendingBefore = Now.AddMinutes(-5);
    private static readonly DateTimeOffset StalledBefore = Now.AddMinutes(-25);
    private static readonly DateTimeOffset SentBefore = Now.AddDays(-14);

    public static async Task<int> RunAsync(string[] args)
    {
        var history = Argument(args, "--labels", 20_000);
        var abandoned = Argument(args, "--abandoned", 20);
        var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault();

        using var azurite = await CountedAzurite.StartAsync(LabelTables.All);
        var (tables, counter, azuriteProcess) = (azurite.Tables, azurite.Counter, azurite.Process);

        // The history: propagated labels, written as rows 100 to a transaction (how they got there does not matter here).
        var table = tables.GetTable(LabelTables.LabelsTableName);
        var done = Enumerable.Range(0, history).Select(i => Label(i % Tenants, Now.AddDays(-1).AddSeconds(i)) with { State = LabelPropagationState.Done });
        foreach (var batch in done.GroupBy(label => label.TenantId).SelectMany(tenant => tenant.Chunk(100)))
        {
            await table.SubmitCheckedAsync(batch.Select(label => new TableTransactionAction(TableTransactionActionType.Add, LabelsTable.ToEntity(label))));
        }

        // The abandoned ones: stored by the intake (so in the outbox), their message never sent.
        var labels = new LabelRepository(tables);
        for (var i = 0; i < abandoned; i++)
        {
            await labels.TryAddAsync(Label(i % Tenants, Now.AddMinutes(-10)));
        }

        counter.Take();
        var before = await MeasureAsync("before the outbox: the filter over the whole table, every pass", counter, azuriteProcess, () => ScanAsync(table));
        var first = await MeasureAsync("first pass of an instance: that scan once, then the outbox", counter, azuriteProcess, () => AbandonedAsync(labels));
        var later = await MeasureAsync("every later pass: the outbox", counter, azuriteProcess, () => AbandonedAsync(labels));

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{history} propagated labels of {Tenants} tenants and {abandoned} abandoned ones in the labels table.")
            .AppendLine()
            .AppendLine("| pass | labels found | storage requests | wall | Azurite CPU |")
            .AppendLine("|---|---:|---:|---:|---:|")
            .AppendLine(before)
            .AppendLine(first)
            .AppendLine(later);
        Console.WriteLine(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }

    private static async Task<string> MeasureAsync(string name, StorageRequestCounter counter, Process azurite, Func<Task<int>> pass)
    {
        azurite.Refresh();
        var cpu = azurite.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var found = await pass();
        watch.Stop();
        azurite.Refresh();
        var requests = counter.Take().Values.Sum();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {found} | {requests} | {watch.Elapsed.TotalMilliseconds:F0} ms | {(azurite.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms |");
    }

    /// <summary>The relay's search before the outbox, as it was sent.</summary>
    private static async Task<int> ScanAsync(TableClient table)
    {
        var filter = TableFilter.Or(
            TableFilter.Create($"State eq {nameof(LabelPropagationState.Pending)} and StateChangedAt lt {PendingBefore}"),
            TableFilter.Create($"State eq {nameof(LabelPropagationState.Running)} and StateChangedAt lt {StalledBefore}"));
        var found = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter))
        {
            found++;
        }

        return found;
    }

    private static async Task<int> AbandonedAsync(LabelRepository labels)
    {
        var found = 0;
        await foreach (var _ in labels.QueryAbandonedAsync(PendingBefore, StalledBefore, SentBefore))
        {
            found++;
        }

        return found;
    }

    private static StoredLabel Label(int tenant, DateTimeOffset at) => new()
    {
        TenantId = "tenant-" + tenant.ToString(CultureInfo.InvariantCulture),
        Label = new Label { LabelId = Guid.NewGuid().ToString("N"), Type = LabelType.ConfirmedFraud, Subject = new LabelTarget(LabelSubjectType.UserId, "u"), LabeledAt = at },
        StateChangedAt = at,
    };

    private static int Argument(string[] args, string name, int fallback) =>
        int.Parse(args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
