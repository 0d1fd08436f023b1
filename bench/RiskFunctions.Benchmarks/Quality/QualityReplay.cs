using System.Globalization;
using System.Text;
using RiskFunctions.Domain.Import;

namespace RiskFunctions.Benchmarks.Quality;

/// <summary>
/// Replays the AWS Fraud Detector sample data through a running service, as a migrating tenant would
/// (historical import with original timestamps), feeding labels for half of the entities, and reports how
/// well <c>risk_score</c> separates fraud from legitimate events on the other half.
/// </summary>
/// <remarks>
/// Usage: <c>quality-replay --data DIR --url http://127.0.0.1:7071 --client-id ID --client-secret SECRET
/// [--seed quality-v1] [--label-delay-hours 24] [--batch 1000] [--reason-sample 400] [--output file.md] [--dry-run]</c>.
/// The client needs the <c>import:write</c> scope (and <c>recommendations:read</c> for the reason breakdown).
/// </remarks>
internal static class QualityReplay
{
    public static async Task<int> RunAsync(string[] args)
    {
        var data = Option(args, "--data") ?? throw new ArgumentException("--data <directory of the aws-afd CSV files> is required");
        var seed = Option(args, "--seed") ?? "quality-v1";
        var labelDelay = TimeSpan.FromHours(double.Parse(Option(args, "--label-delay-hours") ?? "24", CultureInfo.InvariantCulture));
        var batchSize = int.Parse(Option(args, "--batch") ?? "1000", CultureInfo.InvariantCulture);
        var reasonSample = int.Parse(Option(args, "--reason-sample") ?? "400", CultureInfo.InvariantCulture);
        var output = Option(args, "--output");

        var events = AfdDataset.Load(data);
        var plan = ReplayPlan.Build(events, seed, labelDelay);
        var batches = plan.Chunk(batchSize).ToArray();
        Console.WriteLine($"{events.Count} events, {plan.Count} import lines in {batches.Length} batches");
        if (args.Contains("--dry-run"))
        {
            return DryRun(batches);
        }

        var url = new Uri(Option(args, "--url") ?? "http://127.0.0.1:7071");
        using var client = new RiskApiClient(url, Required(args, "--client-id"), Required(args, "--client-secret"));
        var started = DateTimeOffset.UtcNow;
        var loadBefore = LoadAverage();
        var outcomes = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        for (var b = 0; b < batches.Length; b++)
        {
            using var answer = await client.ImportAsync(batches[b].Select(l => l.Json), CancellationToken.None);
            foreach (var result in answer.RootElement.GetProperty("results").EnumerateArray())
            {
                if (result.GetProperty("type").GetString() == "action")
                {
                    outcomes[result.GetProperty("ref").GetString()!] = new Outcome(
                        result.GetProperty("action_token").GetString()!,
                        result.GetProperty("risk_score").GetDouble(),
                        result.GetProperty("recommendation").GetString()!);
                }
            }

            Console.Write($"\rbatch {b + 1}/{batches.Length}");
        }

        Console.WriteLine();
        var elapsed = DateTimeOffset.UtcNow - started;
        var reasons = await ReasonsAsync(client, events, outcomes, seed, reasonSample);
        var report = Report(args, events, outcomes, seed, labelDelay, started, elapsed, loadBefore, LoadAverage(), reasons);
        Console.WriteLine(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report);
        }

        return 0;
    }

    private static int DryRun(PlannedLine[][] batches)
    {
        // The same reader the service uses: a plan that passes here is accepted line for line.
        var problems = 0;
        foreach (var batch in batches)
        {
            var read = ImportBatchReader.Read(Encoding.UTF8.GetBytes(string.Join('\n', batch.Select(l => l.Json))), DateTimeOffset.UtcNow);
            foreach (var message in read.Problems.Messages.Take(5))
            {
                Console.WriteLine(message);
            }

            problems += read.Problems.Errors.Count;
        }

        Console.WriteLine(problems == 0 ? "dry run: every batch reads cleanly" : $"dry run: {problems} problems");
        return problems == 0 ? 0 : 1;
    }

    private static async Task<Dictionary<bool, Dictionary<string, int>>> ReasonsAsync(
        RiskApiClient client, IReadOnlyList<ReplayEvent> events, Dictionary<string, Outcome> outcomes, string seed, int sample)
    {
        // Reason codes of a sample of evaluated events per class, read back as a client would.
        var counts = new Dictionary<bool, Dictionary<string, int>> { [true] = [], [false] = [] };
        var random = new Random(1);
        foreach (var fraud in new[] { true, false })
        {
            var picked = events.Where(e => e.IsFraud == fraud && !ReplayPlan.IsTraining(e.UserId, seed))
                .OrderBy(_ => random.Next()).Take(sample);
            foreach (var e in picked)
            {
                using var recommendation = await client.GetRecommendationAsync(outcomes[e.Ref].ActionToken, CancellationToken.None);
                foreach (var reason in recommendation.RootElement.GetProperty("reasons").EnumerateArray())
                {
                    var code = reason.GetString()!;
                    counts[fraud][code] = counts[fraud].GetValueOrDefault(code) + 1;
                }

                counts[fraud]["(events)"] = counts[fraud].GetValueOrDefault("(events)") + 1;
            }
        }

        return counts;
    }

    private static string Report(
        string[] args, IReadOnlyList<ReplayEvent> events, Dictionary<string, Outcome> outcomes, string seed, TimeSpan labelDelay,
        DateTimeOffset started, TimeSpan elapsed, string loadBefore, string loadAfter, Dictionary<bool, Dictionary<string, int>> reasons)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {started:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalMinutes:0.0} min; load average before {loadBefore}, after {loadAfter}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Arguments: `{string.Join(' ', args.Select(a => a.Contains("secret", StringComparison.OrdinalIgnoreCase) || a.Length > 40 ? "…" : a))}`; seed `{seed}`, label delay {ReplayPlan.Describe(labelDelay)} for registrations.");
        text.AppendLine();
        text.AppendLine("| data set | half | events | fraud | ROC AUC | recall @ 1% challenged | recall @ 5% challenged |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        var datasets = events.Select(e => e.Dataset).Distinct().Append("all").ToArray();
        foreach (var dataset in datasets)
        {
            foreach (var training in new[] { false, true })
            {
                var scored = events
                    .Where(e => e.IsFraud is not null && (dataset == "all" || e.Dataset == dataset) && ReplayPlan.IsTraining(e.UserId, seed) == training)
                    .Select(e => (outcomes[e.Ref].RiskScore, e.IsFraud!.Value))
                    .ToList();
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {dataset} | {(training ? "labeled (train)" : "**evaluated (test)**")} | {scored.Count} | {scored.Count(s => s.Item2)} | {QualityMetrics.RocAuc(scored):0.000} | {QualityMetrics.RecallAt(scored, 0.01):0.000} | {QualityMetrics.RecallAt(scored, 0.05):0.000} |");
            }
        }

        text.AppendLine();
        text.AppendLine("Recommendations on the evaluated half:");
        text.AppendLine();
        text.AppendLine("| label | ALLOW | CHALLENGE | DENY | TRUST |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var fraud in new[] { true, false })
        {
            var given = events.Where(e => e.IsFraud == fraud && !ReplayPlan.IsTraining(e.UserId, seed)).Select(e => outcomes[e.Ref].Recommendation).ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {(fraud ? "fraud" : "legit")} | {given.Count(r => r == "ALLOW")} | {given.Count(r => r == "CHALLENGE")} | {given.Count(r => r == "DENY")} | {given.Count(r => r == "TRUST")} |");
        }

        text.AppendLine();
        text.AppendLine("Reason codes on a sample of the evaluated half (share of sampled events carrying each):");
        text.AppendLine();
        text.AppendLine("| reason | fraud | legit |");
        text.AppendLine("|---|---:|---:|");
        var fraudCount = Math.Max(1, reasons[true].GetValueOrDefault("(events)"));
        var legitCount = Math.Max(1, reasons[false].GetValueOrDefault("(events)"));
        foreach (var code in reasons[true].Keys.Union(reasons[false].Keys).Where(k => k != "(events)").Order(StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| `{code}` | {reasons[true].GetValueOrDefault(code) / (double)fraudCount:P0} | {reasons[false].GetValueOrDefault(code) / (double)legitCount:P0} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| (events sampled) | {fraudCount} | {legitCount} |");
        return text.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static string Required(string[] args, string name) => Option(args, name) ?? throw new ArgumentException($"{name} is required");

    private sealed record Outcome(string ActionToken, double RiskScore, string Recommendation);
}
