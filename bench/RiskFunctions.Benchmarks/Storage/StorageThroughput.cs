using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Benchmarks.Storage;

/// <summary>
/// Throughput of the Table client against a real Azurite that this program starts, beside a hand-signed HttpClient
/// baseline on the same Azurite in the same run: point reads/s, inserts/s and entities/s in 100-insert transactions,
/// each at N concurrent workers. Rounds alternate baseline and client so that load drift hits both alike.
/// </summary>
/// <remarks>Usage: <c>storage-throughput [--seconds 8] [--concurrency 16] [--rounds 2] [--output file.md]</c></remarks>
internal static class StorageThroughput
{
    private const int SeededRows = 2_000;
    private static readonly DateTimeOffset At = new(2025, 11, 21, 4, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 8);
        var concurrency = Option(args, "--concurrency", 16);
        var rounds = Option(args, "--rounds", 2);
        var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault();
        var duration = TimeSpan.FromSeconds(seconds);

        using var azurite = await AzuriteServer.StartAsync();
        var service = new TableServiceClient(azurite.ConnectionString);
        var table = service.GetTableClient("throughput");
        await table.CreateIfNotExistsAsync();
        using var http = new HttpClient();
        var raw = new RawTableHttp(http, azurite.TableEndpoint, AzuriteServer.AccountName, AzuriteServer.AccountKey);
        await SeedAsync(table);

        var scenarios = new (string Name, Func<string, Func<int, long, Task<int>>> Raw, Func<string, Func<int, long, Task<int>>> Client)[]
        {
            ("point read", _ => async (w, s) => { await raw.GetAsync(table.Name, "read", ReadRow(w, s)); return 1; },
                           _ => async (w, s) => { await table.GetEntityAsync<TableEntity>("read", ReadRow(w, s)); return 1; }),
            ("insert", run => async (w, s) => { await raw.InsertAsync(table.Name, Json($"{run}w{w}", Row(s), s)); return 1; },
                       run => async (w, s) => { await table.AddEntityAsync(Entity($"{run}w{w}", Row(s), s)); return 1; }),
            ("transaction of 100 inserts", run => async (w, s) => { await raw.BatchAsync(table.Name, [.. Enumerable.Range(0, 100).Select(i => Json($"{run}w{w}s{s}", Row(i), i))]); return 100; },
                       run => async (w, s) => { await table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Entity($"{run}w{w}s{s}", Row(i), i)))); return 100; }),
        };

        // Warm-up: JIT, connection pools and Azurite's own caches, discarded.
        foreach (var (name, rawOp, clientOp) in scenarios)
        {
            await LoadRunner.RunAsync(concurrency, TimeSpan.FromSeconds(1), rawOp("warmraw" + name.Length));
            await LoadRunner.RunAsync(concurrency, TimeSpan.FromSeconds(1), clientOp("warmclient" + name.Length));
        }

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{concurrency} concurrent workers, {seconds} s per measurement, {rounds} rounds alternating baseline and client.")
            .AppendLine()
            .AppendLine("| operation | implementation | round | entities/s | requests | p50 ms | p99 ms |")
            .AppendLine("|---|---|---|---:|---:|---:|---:|");
        var summary = new StringBuilder()
            .AppendLine("| operation | baseline entities/s (mean) | client entities/s (mean) | client / baseline |")
            .AppendLine("|---|---:|---:|---:|");
        foreach (var (name, rawOp, clientOp) in scenarios)
        {
            var rawRates = new List<double>();
            var clientRates = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                var rawResult = await LoadRunner.RunAsync(concurrency, duration, rawOp($"r{round}raw"));
                Row(report, name, "raw HttpClient", round, rawResult);
                rawRates.Add(rawResult.ItemsPerSecond);
                var clientResult = await LoadRunner.RunAsync(concurrency, duration, clientOp($"r{round}client"));
                Row(report, name, "TableClient", round, clientResult);
                clientRates.Add(clientResult.ItemsPerSecond);
            }

            summary.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {rawRates.Average():F0} | {clientRates.Average():F0} | {clientRates.Average() / rawRates.Average():P0} |");
        }

        var text = summary.AppendLine().Append(report).ToString();
        Console.WriteLine(text);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, text);
        }

        return 0;
    }

    private static async Task SeedAsync(TableClient table)
    {
        foreach (var chunk in Enumerable.Range(0, SeededRows).Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity("read", Row(i), i))));
        }
    }

    private static string ReadRow(int worker, long sequence) => Row((worker * 7919L + sequence * 104_729L) % SeededRows);

    private static string Row(long i) => i.ToString("D10", CultureInfo.InvariantCulture);

    private static TableEntity Entity(string partitionKey, string rowKey, long i) => new(partitionKey, rowKey)
    {
        ["Name"] = "user-" + rowKey,
        ["Count"] = (int)i,
        ["Total"] = i * 1_000L,
        ["Score"] = 0.5,
        ["At"] = At,
    };

    /// <summary>The same entity as <see cref="Entity"/>, as the baseline sends it.</summary>
    private static string Json(string partitionKey, string rowKey, long i) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"PartitionKey":"{{partitionKey}}","RowKey":"{{rowKey}}","Name":"user-{{rowKey}}","Count":{{(int)i}},"Total@odata.type":"Edm.Int64","Total":"{{i * 1_000L}}","Score@odata.type":"Edm.Double","Score":0.5,"At@odata.type":"Edm.DateTime","At":"2025-11-21T04:00:00.0000000Z"}""");

    private static void Row(StringBuilder report, string name, string implementation, int round, LoadResult result) =>
        report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {implementation} | {round} | {result.ItemsPerSecond:F0} | {result.Requests} | {result.Percentile(0.5):F1} | {result.Percentile(0.99):F1} |");

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
