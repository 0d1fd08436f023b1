using System.Diagnostics;
using System.Globalization;
using System.Text;
using RiskFunctions.Benchmarks.Storage;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Reputation;

namespace RiskFunctions.Benchmarks.Labels;

/// <summary>
/// What a label costs an entity's reputation before and after the reputation's own list of labels fills (16): below it
/// a label is one conditional write; past it the write goes in one transaction with marker rows, which is what keeps a
/// redelivered label from counting twice. N users (their reputation in the subject state) and N fingerprints (the
/// reputation table) each get 32 labels, 16 entities at a time, then every label again, on a real Azurite this program
/// starts; requests, wall time and Azurite's CPU per label for each phase, so the phases compare within one run.
/// </summary>
/// <remarks>Usage: <c>reputation-label-cost [--entities 200] [--output file.md]</c></remarks>
internal static class ReputationLabelCost
{
    private const int Parallelism = 16;
    private static readonly DateTimeOffset At = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var entities = int.Parse(args.SkipWhile(a => a != "--entities").Skip(1).FirstOrDefault() ?? "200", CultureInfo.InvariantCulture);
        var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault();

        using var azurite = await CountedAzurite.StartAsync([.. ActionTables.All, ReputationTables.ReputationTableName]);
        var reputation = new ReputationRepository(azurite.Tables);
        var capacity = EntityReputation.RecentLabelCapacity;
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{entities} users and {entities} fingerprints, {2 * capacity} labels each, {Parallelism} entities at a time.")
            .AppendLine()
            .AppendLine("| entity | labels | applied | requests per label | wall per label | Azurite CPU per label |")
            .AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var kind in new[] { ReputationEntityKind.User, ReputationEntityKind.Fingerprint })
        {
            azurite.Counter.Take();
            var first = Enumerable.Range(0, capacity).ToArray();
            var second = Enumerable.Range(capacity, capacity).ToArray();
            report
                .AppendLine(await MeasureAsync(azurite, kind, "1-16: the reputation names every label (a conditional write)", first, reputation, entities))
                .AppendLine(await MeasureAsync(azurite, kind, "17-32: with marker rows (a transaction)", second, reputation, entities))
                .AppendLine(await MeasureAsync(azurite, kind, "1-16 again: redelivered after leaving the list (refused by the marker)", first, reputation, entities))
                .AppendLine(await MeasureAsync(azurite, kind, "17-32 again: still named (no write)", second, reputation, entities));
        }

        Console.WriteLine(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }

    private static async Task<string> MeasureAsync(
        CountedAzurite azurite, ReputationEntityKind kind, string phase, int[] labels, ReputationRepository reputation, int entities)
    {
        azurite.Process.Refresh();
        var cpu = azurite.Process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var label in labels)
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, entities),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
                async (entity, token) => await reputation.ApplyLabelAsync(
                    "tenant", kind, "entity-" + entity.ToString(CultureInfo.InvariantCulture), Label(label), token));
        }

        watch.Stop();
        azurite.Process.Refresh();
        var applied = labels.Length * entities;
        var requests = azurite.Counter.Take().Values.Sum();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {kind} | {phase} | {applied} | {(double)requests / applied:F2} | {watch.Elapsed.TotalMilliseconds / applied:F2} ms | {(azurite.Process.TotalProcessorTime - cpu).TotalMilliseconds / applied:F2} ms |");
    }

    private static ReputationLabel Label(int i) =>
        new("label-" + i.ToString(CultureInfo.InvariantCulture), i % 2 == 0 ? ReputationStanding.SuspectedFraud : ReputationStanding.ConfirmedLegit, At.AddMinutes(i));
}
