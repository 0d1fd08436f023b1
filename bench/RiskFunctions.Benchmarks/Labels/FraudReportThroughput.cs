using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using RiskFunctions.Benchmarks.Hosting;
using RiskFunctions.Benchmarks.Storage;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.FraudReports;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Benchmarks.Labels;

/// <summary>
/// Lithic fraud reports over HTTP against the published handler (started the way the Functions host starts it,
/// requests sent straight to its port, the in-process label transport) on a fresh in-memory Azurite, beside raw
/// signed Table requests to the same Azurite in the same run:
/// <list type="bullet">
/// <item><c>POST /lithic/v1/fraud/transactions/{token}</c> on unreported transactions (report written, label stored
/// and sent, report marked): reports/s and latency, beside raw single-entity inserts/s;</item>
/// <item><c>GET</c> of reported transactions: requests/s and latency, beside raw point reads of the same report rows.</item>
/// </list>
/// Rounds alternate baseline and endpoint so that load drift hits both alike.
/// </summary>
/// <remarks>Usage: <c>fraud-report-throughput [--seconds 10] [--concurrency 16] [--rounds 2] [--actions 6000] [--output file.md]</c></remarks>
internal static class FraudReportThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = LoadReport.Option(args, "--seconds", 10);
        var concurrency = LoadReport.Option(args, "--concurrency", 16);
        var rounds = LoadReport.Option(args, "--rounds", 2);
        var actionCount = LoadReport.Option(args, "--actions", 6000);
        var output = LoadReport.Option(args, "--output");
        var duration = TimeSpan.FromSeconds(seconds);

        await using var loaded = await LoadedApp.StartAsync();
        var azurite = loaded.Azurite;
        var tenant = loaded.Tenant;
        var http = loaded.Http;
        var raw = loaded.Raw;
        var baselineTable = await azurite.CreateTableAsync("baseline");
        var reportsTable = azurite.TableName(FraudReportTables.FraudReportsTableName);

        var tokens = await SeedActionsAsync(azurite, tenant.Id, actionCount);
        var next = -1;
        var reported = new List<string>();
        var reportedLock = new Lock();
        Func<int, long, Task<int>> Report() => async (_, _) =>
        {
            var index = Interlocked.Increment(ref next);
            if (index >= tokens.Count)
            {
                throw new InvalidOperationException($"All {tokens.Count} seeded transactions are reported; run with a larger --actions.");
            }

            using var response = await http.PostAsync(
                "/lithic/v1/fraud/transactions/" + tokens[index],
                new StringContent("""{"fraud_status":"SUSPECTED_FRAUD","fraud_type":"CARD_COMPROMISED","comment":"benchmark"}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")));
            _ = await response.Content.ReadAsByteArrayAsync();
            if ((int)response.StatusCode != 200)
            {
                throw new InvalidOperationException($"fraud report answered {(int)response.StatusCode}");
            }

            lock (reportedLock)
            {
                reported.Add(tokens[index]);
            }

            return 1;
        };
        Func<int, long, Task<int>> Insert(string run) => async (worker, sequence) =>
        {
            await raw.InsertAsync(baselineTable.Name, InsertJson($"{run}w{worker}", sequence));
            return 1;
        };
        Func<int, long, Task<int>> Get(IReadOnlyList<string> read) => async (worker, sequence) =>
        {
            using var response = await http.GetAsync("/lithic/v1/fraud/transactions/" + Pick(read, worker, sequence));
            _ = await response.Content.ReadAsByteArrayAsync();
            if ((int)response.StatusCode != 200)
            {
                throw new InvalidOperationException($"fraud report read answered {(int)response.StatusCode}");
            }

            return 1;
        };
        Func<int, long, Task<int>> PointRead(IReadOnlyList<string> read) => async (worker, sequence) =>
        {
            var token = Pick(read, worker, sequence);
            await raw.GetAsync(reportsTable, Uri.EscapeDataString(TableKeyEncoder.Join(tenant.Id, token[..2])), token);
            return 1;
        };

        // Warm-up: JIT, connection pools, table creation; discarded.
        await LoadRunner.RunAsync(concurrency, TimeSpan.FromSeconds(2), Report());
        await LoadRunner.RunAsync(concurrency, TimeSpan.FromSeconds(1), Insert("warm"));

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{concurrency} concurrent clients, {seconds} s per measurement, {rounds} rounds alternating baseline and endpoint; {tokens.Count} seeded transactions.")
            .AppendLine()
            .AppendLine("| operation | implementation | round | per second | requests | p50 ms | p99 ms |")
            .AppendLine("|---|---|---|---:|---:|---:|---:|");
        var postRates = new List<double>();
        var insertRates = new List<double>();
        var postLatencies = new List<LoadResult>();
        for (var round = 1; round <= rounds; round++)
        {
            var insert = await LoadRunner.RunAsync(concurrency, duration, Insert($"r{round}"));
            LoadReport.Row(report, "insert one entity", "raw signed HttpClient", round, insert);
            insertRates.Add(insert.ItemsPerSecond);
            var post = await LoadRunner.RunAsync(concurrency, duration, Report());
            LoadReport.Row(report, "POST fraud report (new)", "handler over HTTP", round, post);
            postRates.Add(post.ItemsPerSecond);
            postLatencies.Add(post);
        }

        var readable = reported.ToArray();
        var getRates = new List<double>();
        var readRates = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var pointRead = await LoadRunner.RunAsync(concurrency, duration, PointRead(readable));
            LoadReport.Row(report, "point read of a report row", "raw signed HttpClient", round, pointRead);
            readRates.Add(pointRead.ItemsPerSecond);
            var get = await LoadRunner.RunAsync(concurrency, duration, Get(readable));
            LoadReport.Row(report, "GET fraud report", "handler over HTTP", round, get);
            getRates.Add(get.ItemsPerSecond);
        }

        var summary = new StringBuilder()
            .AppendLine("| operation | endpoint per s (mean) | baseline | baseline per s (mean) | endpoint / baseline |")
            .AppendLine("|---|---:|---|---:|---:|")
            .AppendLine(CultureInfo.InvariantCulture, $"| POST fraud report (new) | {postRates.Average():F0} | raw single-entity insert | {insertRates.Average():F0} | {postRates.Average() / insertRates.Average():P0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| GET fraud report | {getRates.Average():F0} | raw point read of the same rows | {readRates.Average():F0} | {getRates.Average() / readRates.Average():P0} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"POST latency over all rounds: p50 {LoadReport.Merge(postLatencies, 0.50):F1} ms, p99 {LoadReport.Merge(postLatencies, 0.99):F1} ms; {readable.Length} transactions reported.");
        var text = summary.AppendLine().Append(report).ToString();
        Console.WriteLine(text);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, text);
        }

        return 0;
    }

    /// <summary>Stores <paramref name="count"/> transactions of the tenant as trigger-action leaves them.</summary>
    private static async Task<IReadOnlyList<string>> SeedActionsAsync(AzuriteFixture azurite, string tenantId, int count)
    {
        var tables = new RiskTables(azurite.CreateServiceClient(), azurite.TablePrefix);
        await tables.EnsureCreatedAsync(ActionTables.All);
        var actions = new ActionRepository(tables);
        var tokens = Enumerable.Range(0, count).Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))).ToArray();
        var document = Encoding.UTF8.GetBytes("{}");
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (token, cancellationToken) =>
            await actions.TryAddAsync(
                new StoredAction
                {
                    TenantId = tenantId,
                    ActionToken = token,
                    ActionType = "transaction",
                    OccurredAt = DateTimeOffset.UnixEpoch,
                    Recommendation = "ALLOW",
                    RecommendationDocument = document,
                },
                cancellationToken));
        return tokens;
    }

    private static string Pick(IReadOnlyList<string> tokens, int worker, long sequence) => tokens[(int)((worker * 7919L + sequence * 104_729L) % tokens.Count)];

    private static string InsertJson(string partitionKey, long row) => string.Create(
        CultureInfo.InvariantCulture, $"{{\"PartitionKey\":\"{partitionKey}\",\"RowKey\":\"{row:D10}\",\"Comment\":\"benchmark\",\"Sequence\":{row}}}");
}
