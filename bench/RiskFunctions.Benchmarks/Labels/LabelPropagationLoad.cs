using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskFunctions.Benchmarks.Storage;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Labels.Propagation;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Campaigns;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Benchmarks.Labels;

/// <summary>
/// Labels a user with N actions on a real Azurite this program starts and times the propagation until every
/// action is marked, beside Azurite's raw batch-insert throughput (hand-signed 100-entity transactions at 16
/// concurrent, and transactions as full as propagation's can be: N / 256 rows) measured in the same run. With
/// <c>--campaign</c>, the N actions are those of a confirmed campaign, each of its own user, device and address, so the
/// label also writes the reputation of every one of them (the largest chunk a label can give one delivery).
/// </summary>
/// <remarks>Usage: <c>label-propagation [--actions 10000] [--campaign] [--output file.md]</c></remarks>
internal static class LabelPropagationLoad
{
    private const string Tenant = "bench-tenant";
    private const string User = "bulk-user";
    private const string Campaign = "bench-campaign";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(args.SkipWhile(a => a != "--actions").Skip(1).FirstOrDefault() ?? "10000", CultureInfo.InvariantCulture);
        var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault();
        var campaign = args.Contains("--campaign");
        var subject = campaign ? new ActionSubject(ActionSubjectKind.Campaign, Campaign) : new ActionSubject(ActionSubjectKind.UserId, User);

        using var azurite = await AzuriteServer.StartAsync();
        var tables = RiskTables.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = "bench" });
        await tables.EnsureCreatedAsync([.. ActionTables.All, .. ReputationTables.All, .. LabelTables.All, "raw"]);
        var actions = new ActionRepository(tables);
        var index = new ActionIndexRepository(tables);

        Console.WriteLine(campaign ? $"Seeding {count} actions of one campaign, each of its own user..." : $"Seeding {count} actions of one user...");
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var action = new StoredAction
            {
                TenantId = Tenant,
                ActionToken = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))),
                ActionType = "login",
                OccurredAt = start.AddSeconds(i),
                UserId = campaign ? "user-" + i : User,
                DeviceId = campaign ? "device-" + i : "device-" + (i % 3),
                Ip = campaign ? $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}" : null,
                Recommendation = "ALLOW",
                RecommendationDocument = "{}"u8.ToArray(),
            };
            await actions.TryAddAsync(action, token);
            await index.IndexAsync(action, [subject], token);
        });

        using var http = new HttpClient();
        var raw = new RawTableHttp(http, azurite.TableEndpoint, AzuriteServer.AccountName, AzuriteServer.AccountKey);
        var baseline = await LoadRunner.RunAsync(16, TimeSpan.FromSeconds(8), async (w, s) =>
        {
            await raw.BatchAsync(tables.Prefix + "raw", [.. Enumerable.Range(0, 100).Select(i => RawRow($"w{w}s{s}", i))]);
            return 100;
        });

        // The same at the fill propagation can reach: a user's actions spread over the 256 action partitions.
        var fill = Math.Clamp((count + 255) / 256, 1, 100);
        var filledLikePropagation = await LoadRunner.RunAsync(16, TimeSpan.FromSeconds(8), async (w, s) =>
        {
            await raw.BatchAsync(tables.Prefix + "raw", [.. Enumerable.Range(0, fill).Select(i => RawRow($"f{w}s{s}", i))]);
            return fill;
        });

        var labels = new LabelRepository(tables);
        var label = new Label
        {
            LabelId = LabelIds.New(),
            Type = LabelType.ConfirmedFraud,
            Subject = campaign
                ? new LabelTarget(LabelSubjectType.CampaignId, Campaign, IsCampaignConfirmed: true)
                : new LabelTarget(LabelSubjectType.UserId, User),
            LabeledAt = DateTimeOffset.UtcNow,
        };
        await labels.TryAddAsync(new StoredLabel { TenantId = Tenant, Label = label, StateChangedAt = DateTimeOffset.UtcNow });
        var marker = new ActionLabelMarker(tables, actions);
        var registry = new SubjectLabelRegistry(tables);
        var propagator = new LabelPropagator(labels, actions, index, marker, registry, new SubjectLabelWriter(marker, registry), new ReputationRepository(tables), new LinkedFraudSpreader(index, new SubjectStateRepository(tables)), new CampaignRepository(tables), Options.Create(new LabelsOptions()), TimeProvider.System, NullLogger<LabelPropagator>.Instance);

        var watch = Stopwatch.StartNew();
        using var stopWatching = new CancellationTokenSource();
        var checkpoints = WatchCheckpointsAsync(labels, label.LabelId, watch, stopWatching.Token);
        await propagator.PropagateAsync(Tenant, label.LabelId, CancellationToken.None);
        watch.Stop();
        await stopWatching.CancelAsync();
        var (chunks, longestChunk) = await checkpoints;
        var stored = await labels.GetAsync(Tenant, label.LabelId);
        var rate = stored!.AffectedCount / watch.Elapsed.TotalSeconds;

        // Where the time goes: the two reads propagation cannot skip, timed alone.
        var indexWatch = Stopwatch.StartNew();
        var tokens = new List<string>(count);
        await foreach (var item in index.QueryAsync(Tenant, subject))
        {
            tokens.Add(item.ActionToken);
        }

        indexWatch.Stop();
        var readWatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (token, ct) => await actions.GetAsync(Tenant, token, ct));
        readWatch.Stop();

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"| measurement | value |")
            .AppendLine("|---|---:|")
            .AppendLine(CultureInfo.InvariantCulture, $"| actions labeled ({(campaign ? "one campaign, a user, device and address each" : "one user")}) | {stored.AffectedCount} of {count} ({stored.State}) |")
            .AppendLine(CultureInfo.InvariantCulture, $"| propagation time | {watch.Elapsed.TotalSeconds:F2} s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| propagation actions/s | {rate:F0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| progress changes seen (polled every 0.5 s) / longest time without one (a chunk) | {chunks} / {longestChunk.TotalSeconds:F1} s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| reading the {(campaign ? "campaign's" : "user's")} index alone (1,000-row pages) | {indexWatch.Elapsed.TotalSeconds:F2} s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| point reads of every action alone, 32 concurrent, reads/s | {tokens.Count / readWatch.Elapsed.TotalSeconds:F0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Azurite raw batch insert, 16 concurrent, entities/s | {baseline.ItemsPerSecond:F0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| propagation / raw batch insert | {rate / baseline.ItemsPerSecond:P0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Azurite raw batch insert, {fill} rows per transaction, entities/s | {filledLikePropagation.ItemsPerSecond:F0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| propagation / raw batch insert at that fill | {rate / filledLikePropagation.ItemsPerSecond:P0} |")
            .ToString();
        Console.WriteLine(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report);
        }

        return stored.AffectedCount == count ? 0 : 1;
    }

    /// <summary>
    /// Polls the label's progress until cancelled: how many times its count moved, and the longest time it stood still
    /// (a chunk's duration, which the message's lock must outlast).
    /// </summary>
    private static async Task<(int Checkpoints, TimeSpan Longest)> WatchCheckpointsAsync(
        LabelRepository labels, string labelId, Stopwatch watch, CancellationToken cancellationToken)
    {
        var (checkpoints, last, lastCount, longest) = (0, TimeSpan.Zero, 0L, TimeSpan.Zero);
        while (!cancellationToken.IsCancellationRequested)
        {
            var count = (await labels.GetAsync(Tenant, labelId, CancellationToken.None))?.AffectedCount ?? 0;
            var now = watch.Elapsed;
            if (count != lastCount)
            {
                checkpoints++;
                longest = now - last > longest ? now - last : longest;
                (last, lastCount) = (now, count);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // The last chunk ends with the propagation.
        var end = watch.Elapsed;
        return (checkpoints, end - last > longest ? end - last : longest);
    }

    private static string RawRow(string partitionKey, int i) =>
        $$"""{"PartitionKey":"{{partitionKey}}","RowKey":"{{i.ToString("D4", CultureInfo.InvariantCulture)}}","LabelId":"x","LabelType":"ConfirmedFraud","LabeledAt@odata.type":"Edm.DateTime","LabeledAt":"2025-11-21T04:00:00.0000000Z"}""";
}
