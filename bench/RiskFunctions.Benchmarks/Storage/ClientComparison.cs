using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure;
using RiskFunctions.Storage;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;
using Old = RiskFunctions.Storage.Tables;
using Sdk = Azure.Data.Tables;

namespace RiskFunctions.Benchmarks.Storage;

/// <summary>
/// The first, hand-written Table client beside Azure.Data.Tables (configured as the service configures it) on one
/// Azurite in one run: point read, insert, upsert, 100-insert transaction and 50-row partition query, N concurrent
/// workers, rounds alternating old and new. Per operation: throughput, client CPU (this process) and bytes allocated.
/// </summary>
/// <remarks>Usage: <c>storage-clients [--seconds 6] [--concurrency 16] [--rounds 2] [--output file.md] [--profile-transactions seconds]</c></remarks>
internal static class ClientComparison
{
    private const int SeededRows = 2_000;
    private static readonly DateTimeOffset At = new(2025, 11, 21, 4, 0, 0, TimeSpan.Zero);

    private delegate Task<int> Operation(int worker, long sequence);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = LoadReport.Option(args, "--seconds", 6);
        var concurrency = LoadReport.Option(args, "--concurrency", 16);
        var rounds = LoadReport.Option(args, "--rounds", 2);
        var output = LoadReport.Option(args, "--output");
        var duration = TimeSpan.FromSeconds(seconds);

        using var azurite = await AzuriteServer.StartAsync();
        var old = new Old.TableServiceClient(azurite.ConnectionString).GetTableClient("clients");
        await old.CreateIfNotExistsAsync();
        var sdk = TableClientDefaults.CreateServiceClient(new StorageOptions { ConnectionString = azurite.ConnectionString, CallTimeout = TimeSpan.FromSeconds(30) })
            .GetTableClient("clients");
        await SeedAsync(old);
        if (LoadReport.Option(args, "--profile-transactions") is { } profiled)
        {
            // Only the new client's 100-insert transactions, for a CPU-sampling trace of where their cost goes.
            var count = int.Parse(profiled, CultureInfo.InvariantCulture);
            await LoadRunner.RunAsync(4, TimeSpan.FromSeconds(count), async (w, s) =>
            {
                await sdk.SubmitCheckedAsync([.. Enumerable.Range(0, 100).Select(i => new Sdk.TableTransactionAction(Sdk.TableTransactionActionType.Add, NewEntity($"pw{w}s{s}", Row(i), i)))]);
                return 100;
            });
            return 0;
        }

        var scenarios = new (string Name, Func<string, Operation> Old, Func<string, Operation> New)[]
        {
            ("point read",
                _ => async (w, s) => { await old.GetEntityAsync<Old.TableEntity>("read", ReadRow(w, s)); return 1; },
                _ => async (w, s) => { await sdk.GetEntityAsync<Sdk.TableEntity>("read", ReadRow(w, s)); return 1; }),
            ("insert",
                run => async (w, s) => { await old.AddEntityAsync(OldEntity($"{run}w{w}", Row(s), s)); return 1; },
                run => async (w, s) => { await sdk.AddCheckedAsync(NewEntity($"{run}w{w}", Row(s), s)); return 1; }),
            ("upsert (replace)",
                run => async (w, s) => { await old.UpsertEntityAsync(OldEntity($"{run}w{w}", Row(s % 50), s), Old.TableUpdateMode.Replace); return 1; },
                run => async (w, s) => { await sdk.UpsertCheckedAsync(NewEntity($"{run}w{w}", Row(s % 50), s), Sdk.TableUpdateMode.Replace); return 1; }),
            ("transaction of 100 inserts",
                run => async (w, s) => { await old.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(i => new Old.TableTransactionAction(Old.TableTransactionActionType.Add, OldEntity($"{run}w{w}s{s}", Row(i), i)))); return 100; },
                run => async (w, s) => { await sdk.SubmitCheckedAsync([.. Enumerable.Range(0, 100).Select(i => new Sdk.TableTransactionAction(Sdk.TableTransactionActionType.Add, NewEntity($"{run}w{w}s{s}", Row(i), i)))]); return 100; }),
            ("query of 50 rows",
                _ => async (w, s) => await CountAsync(old.QueryAsync<Old.TableEntity>(Old.TableClient.CreateQueryFilter($"PartitionKey eq {QueryPartition(w, s)}"))),
                _ => async (w, s) => await CountAsync(sdk.QueryAsync<Sdk.TableEntity>(TableFilter.Create($"PartitionKey eq {QueryPartition(w, s)}")))),
            ("query of 50 rows, typed entity (new only)",
                _ => async (w, s) => await CountAsync(old.QueryAsync<Old.TableEntity>(Old.TableClient.CreateQueryFilter($"PartitionKey eq {QueryPartition(w, s)}"))),
                _ => async (w, s) => await CountAsync(sdk.QueryAsync<BenchEntity>(TableFilter.Create($"PartitionKey eq {QueryPartition(w, s)}")))),
        };

        foreach (var (name, oldOp, newOp) in scenarios)
        {
            await LoadRunner.RunAsync(concurrency, TimeSpan.FromSeconds(1), Adapt(oldOp("warmold" + name.Length)));
            await LoadRunner.RunAsync(concurrency, TimeSpan.FromSeconds(1), Adapt(newOp("warmnew" + name.Length)));
        }

        var detail = new StringBuilder()
            .AppendLine("| operation | client | round | entities/s | requests | p50 ms | p99 ms | CPU µs/request | KB allocated/request |")
            .AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        var summary = new StringBuilder()
            .AppendLine("| operation | old entities/s | new entities/s | new ÷ old throughput | old CPU µs/req | new CPU µs/req | new ÷ old CPU | old KB/req | new KB/req | new ÷ old alloc |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, oldOp, newOp) in scenarios)
        {
            var oldRuns = new List<Measured>();
            var newRuns = new List<Measured>();
            for (var round = 1; round <= rounds; round++)
            {
                oldRuns.Add(await MeasureAsync(concurrency, duration, Adapt(oldOp($"r{round}old"))));
                Detail(detail, name, "old", round, oldRuns[^1]);
                newRuns.Add(await MeasureAsync(concurrency, duration, Adapt(newOp($"r{round}new"))));
                Detail(detail, name, "new", round, newRuns[^1]);
            }

            var (oldRate, newRate) = (oldRuns.Average(m => m.Result.ItemsPerSecond), newRuns.Average(m => m.Result.ItemsPerSecond));
            var (oldCpu, newCpu) = (oldRuns.Average(m => m.CpuMicroseconds), newRuns.Average(m => m.CpuMicroseconds));
            var (oldKb, newKb) = (oldRuns.Average(m => m.KilobytesAllocated), newRuns.Average(m => m.KilobytesAllocated));
            summary.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {oldRate:F0} | {newRate:F0} | {newRate / oldRate:F2} | {oldCpu:F0} | {newCpu:F0} | {newCpu / oldCpu:F2} | {oldKb:F1} | {newKb:F1} | {newKb / oldKb:F2} |");
        }

        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{concurrency} concurrent workers, {seconds} s per measurement, {rounds} rounds alternating old and new; CPU and allocations are this (client) process's.")
            .AppendLine().Append(summary).AppendLine().Append(detail).ToString();
        Console.WriteLine(text);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, text);
        }

        return 0;
    }

    private static Func<int, long, Task<int>> Adapt(Operation operation) => (w, s) => operation(w, s);

    private static async Task<Measured> MeasureAsync(int concurrency, TimeSpan duration, Func<int, long, Task<int>> operation)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (result, cpu) = await new CpuMeter(process).MeasureAsync(() => LoadRunner.RunAsync(concurrency, duration, operation));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Measured(result, cpu[0].TotalMicroseconds / result.Requests, allocated / 1024.0 / result.Requests);
    }

    private static void Detail(StringBuilder report, string name, string client, int round, Measured m) =>
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {client} | {round} | {m.Result.ItemsPerSecond:F0} | {m.Result.Requests} | {m.Result.Percentile(0.50):F1} | {m.Result.Percentile(0.99):F1} | {m.CpuMicroseconds:F0} | {m.KilobytesAllocated:F1} |");

    private static async Task<int> CountAsync<T>(AsyncPageable<T> query)
        where T : notnull
    {
        var count = 0;
        await foreach (var _ in query)
        {
            count++;
        }

        return count;
    }

    private static async Task SeedAsync(Old.TableClient table)
    {
        foreach (var chunk in Enumerable.Range(0, SeededRows).Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(i => new Old.TableTransactionAction(Old.TableTransactionActionType.UpsertReplace, OldEntity("read", Row(i), i))));
        }

        for (var p = 0; p < 20; p++)
        {
            await table.SubmitTransactionAsync(Enumerable.Range(0, 50).Select(i => new Old.TableTransactionAction(Old.TableTransactionActionType.UpsertReplace, OldEntity("q50|" + p, Row(i), i))));
        }
    }

    private static string QueryPartition(int worker, long sequence) => "q50|" + ((worker + sequence) % 20);

    private static string ReadRow(int worker, long sequence) => Row((worker * 7919L + sequence * 104_729L) % SeededRows);

    private static string Row(long i) => i.ToString("D10", CultureInfo.InvariantCulture);

    private static Old.TableEntity OldEntity(string partitionKey, string rowKey, long i) => new(partitionKey, rowKey)
    {
        ["Name"] = "user-" + rowKey,
        ["Count"] = (int)i,
        ["Total"] = i * 1_000L,
        ["Score"] = 0.5,
        ["At"] = At,
    };

    private static Sdk.TableEntity NewEntity(string partitionKey, string rowKey, long i) => new(partitionKey, rowKey)
    {
        ["Name"] = "user-" + rowKey,
        ["Count"] = (int)i,
        ["Total"] = i * 1_000L,
        ["Score"] = 0.5,
        ["At"] = At,
    };

    private sealed record Measured(LoadResult Result, double CpuMicroseconds, double KilobytesAllocated);

    /// <summary>The benchmark row as a typed entity, for the typed-versus-property-bag query.</summary>
    internal sealed class BenchEntity : Sdk.ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string? Name { get; set; }

        public int Count { get; set; }

        public long Total { get; set; }

        public double Score { get; set; }

        public DateTimeOffset At { get; set; }
    }
}
