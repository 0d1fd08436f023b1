using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskFunctions.Benchmarks.Storage;
using RiskFunctions.Domain.Activity;
using RiskFunctions.Functions.Features.Rings;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Activity;
using RiskFunctions.Storage.Campaigns;
using RiskFunctions.Storage.FraudRings;
using RiskFunctions.Testing.Populations;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Benchmarks.Rings;

/// <summary>
/// The cost of ring and campaign maintenance per 1,000 actions, on a real Azurite this program starts: a seeded normal
/// day (10,000 users, a ring of 20 planted) is fed through the recent-activity feed as trigger-action feeds it; the
/// first hours warm the graph up (not counted), then maintenance runs once per simulated minute, as scheduled, over
/// the next actions, and once over a burst of actions in one run. Every storage request is counted by a pipeline
/// policy on the table client; wall time and this process's CPU time are taken around each run (the feed appends,
/// which are trigger-action's own request, are outside).
/// </summary>
/// <remarks>Usage: <c>ring-maintenance-cost [--seed 21] [--users 10000] [--warm-hours 3] [--actions 1000] [--burst 500] [--output file.md]</c></remarks>
internal static class RingMaintenanceCost
{
    private const string Tenant = "bench-rings";

    /// <summary>Warm-up runs take ten minutes of traffic each: a run's reads go out at once, and more would queue past the call timeout.</summary>
    private const int WarmUpSliceSeconds = 600;

    public static async Task<int> RunAsync(string[] args)
    {
        var seed = Argument(args, "--seed", 21);
        var users = Argument(args, "--users", 10_000);
        var warmHours = Argument(args, "--warm-hours", 3);
        var measured = Argument(args, "--actions", 1_000);
        var burstSize = Argument(args, "--burst", 500);
        var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault();

        using var azurite = await CountedAzurite.StartAsync(StorageTables.All);
        var (tables, counter, azuriteProcess) = (azurite.Tables, azurite.Counter, azurite.Process);

        var population = SyntheticPopulation.NormalDay(seed, users).WithRing();
        var records = population.Records;
        var time = new ManualTimeProvider(SyntheticPopulation.DayStart);
        var options = Options.Create(new RingsOptions());
        var feed = new ActivityFeed(tables);
        var index = new ActionIndexRepository(tables);
        var maintenance = new RingCampaignMaintenance(
            feed,
            new RingMaintenance(new RingGraph(tables), new FraudRingRepository(tables), index, options),
            new CampaignMaintenance(new CampaignRepository(tables), feed, index, new ActionCampaignMarker(tables), options),
            options,
            time,
            NullLogger<RingCampaignMaintenance>.Instance);

        // Warm-up: the graph holds the first hours of the day, as it would in steady state.
        var warmEnd = SyntheticPopulation.DayStart.AddHours(warmHours);
        var warm = records.TakeWhile(record => record.OccurredAt < warmEnd).ToList();
        Console.WriteLine($"{records.Count} actions of {users} users (seed {seed}); warming up with {warm.Count} actions of the first {warmHours} h...");
        foreach (var slice in warm.GroupBy(record => record.OccurredAt.ToUnixTimeSeconds() / WarmUpSliceSeconds))
        {
            await AppendAsync(feed, [.. slice]);
            time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds((slice.Key + 1) * WarmUpSliceSeconds));
            await maintenance.RunAsync(CancellationToken.None);
        }

        counter.Take();

        // Scheduled: one run per simulated minute over the next actions.
        var perMinute = new Measurement();
        var next = records.Skip(warm.Count).Take(measured).ToList();
        foreach (var minute in next.GroupBy(record => record.OccurredAt.ToUnixTimeSeconds() / 60))
        {
            await AppendAsync(feed, [.. minute]);
            counter.Take();
            time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds((minute.Key + 1) * 60));
            await perMinute.RunAsync(maintenance, counter, azuriteProcess, minute.Count());
        }

        // A burst: many actions in one run.
        var burst = records.Skip(warm.Count + next.Count).Take(burstSize).ToList();
        await AppendAsync(feed, burst);
        counter.Take();
        time.SetUtcNow(burst[^1].OccurredAt.AddSeconds(1));
        var oneRun = new Measurement();
        await oneRun.RunAsync(maintenance, counter, azuriteProcess, burst.Count);

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Seed {seed}, {users} users, {records.Count} actions in the day; graph warmed with the first {warmHours} h ({warm.Count} actions).")
            .AppendLine()
            .AppendLine(await FoundAsync(new FraudRingRepository(tables), population.RingMembers))
            .AppendLine()
            .AppendLine("| run | runs | actions | storage requests | per 1,000 actions | wall per 1,000 | maintenance CPU per 1,000 | Azurite CPU per 1,000 |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|")
            .AppendLine(perMinute.Row("one run per simulated minute"))
            .AppendLine(oneRun.Row($"{burst.Count} actions in one run"))
            .AppendLine()
            .AppendLine("Requests by kind, per 1,000 actions:")
            .AppendLine()
            .AppendLine("| request | one run per minute | burst in one run |")
            .AppendLine("|---|---:|---:|");
        foreach (var kind in perMinute.ByKind.Keys.Union(oneRun.ByKind.Keys).Order(StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| `{kind}` | {perMinute.PerThousand(kind):F0} | {oneRun.PerThousand(kind):F0} |");
        }

        Console.WriteLine(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return perMinute.Actions > 0 ? 0 : 1;
    }

    /// <summary>The rings the runs recorded, each with its members and how many of them the planted ring holds: the same for any two builds that detect alike.</summary>
    private static async Task<string> FoundAsync(FraudRingRepository rings, IReadOnlySet<string> planted)
    {
        var (found, _) = await rings.ListAsync(Tenant, 100, after: null);
        var described = found.Select(ring => string.Create(CultureInfo.InvariantCulture, $"{ring.RingId}: {ring.Members.Count} members, {ring.Members.Count(planted.Contains)} of the {planted.Count} planted"));
        return $"Rings recorded: {found.Count}" + (found.Count == 0 ? "." : " (" + string.Join("; ", described) + ").");
    }

    private static int Argument(string[] args, string name, int fallback) =>
        int.Parse(args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static Task AppendAsync(ActivityFeed feed, IReadOnlyList<ActivityRecord> records) =>
        Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (record, token) =>
            await feed.AppendAsync(Tenant, record, record.OccurredAt, token));

    private sealed class Measurement
    {
        public Dictionary<string, int> ByKind { get; } = new(StringComparer.Ordinal);

        public int Runs { get; private set; }

        public int Actions { get; private set; }

        public int Requests => ByKind.Values.Sum();

        public TimeSpan Wall { get; private set; }

        public TimeSpan Cpu { get; private set; }

        public TimeSpan AzuriteCpu { get; private set; }

        public async Task RunAsync(RingCampaignMaintenance maintenance, StorageRequestCounter counter, Process azurite, int actions)
        {
            using var self = Process.GetCurrentProcess();
            azurite.Refresh();
            var (cpu, azuriteCpu) = (self.TotalProcessorTime, azurite.TotalProcessorTime);
            var watch = Stopwatch.StartNew();
            await maintenance.RunAsync(CancellationToken.None);
            Wall += watch.Elapsed;
            self.Refresh();
            azurite.Refresh();
            Cpu += self.TotalProcessorTime - cpu;
            AzuriteCpu += azurite.TotalProcessorTime - azuriteCpu;
            foreach (var (kind, count) in counter.Take())
            {
                ByKind[kind] = ByKind.GetValueOrDefault(kind) + count;
            }

            Runs++;
            Actions += actions;
        }

        public double PerThousand(string kind) => Actions == 0 ? 0 : ByKind.GetValueOrDefault(kind) * 1000.0 / Actions;

        public string Row(string name)
        {
            var scale = Actions == 0 ? 0 : 1000.0 / Actions;
            return string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Runs} | {Actions} | {Requests} | {Requests * scale:F0} | {Wall.TotalSeconds * scale:F2} s | {Cpu.TotalSeconds * scale:F2} s | {AzuriteCpu.TotalSeconds * scale:F2} s |");
        }
    }
}
