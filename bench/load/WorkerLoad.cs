#:package Azure.Data.Tables
// Closed-loop load client of bench/load/functions-worker.sh: N workers, each sending its next request as soon as
// the previous one answered, for a fixed time after a warm-up. The same client drives every variant, so that
// differences between rows are the server side's.
//
//   WorkerLoad get <url> [--header "Name: value"] [common options]
//       GET of one URL; a status other than 200 counts as an error.
//   WorkerLoad point-read --connection <storage connection string> --table <name> --row <RowKey> [--select a,b,...] [common options]
//       GetEntityAsync<TableEntity> (Azure.Data.Tables) of one entity, its PartitionKey looked up once by RowKey.
//
// Common options: --concurrency 16, --seconds 20, --warmup-seconds 2, and --cpu <name>=<pid> (repeatable): the CPU
// time (utime + stime of /proc/<pid>/stat) that process spent during the measured period, per request.
// Prints one line: rps=<requests/s> requests=<n> errors=<n> mean_ms=<> p50_ms=<> p99_ms=<> [cpu_us_<name>=<µs/request>...]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Azure.Data.Tables;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: WorkerLoad get <url> [--header 'Name: value'] | point-read --connection <cs> --table <t> --row <rk> [--select a,b] [--concurrency 16] [--seconds 20] [--warmup-seconds 2]");
    return 2;
}

var concurrency = int.Parse(Option("--concurrency") ?? "16", CultureInfo.InvariantCulture);
var seconds = double.Parse(Option("--seconds") ?? "20", CultureInfo.InvariantCulture);
var warmup = double.Parse(Option("--warmup-seconds") ?? "2", CultureInfo.InvariantCulture);

Func<Task<bool>> request;
switch (args[0])
{
    case "get":
    {
        // One connection per worker, kept alive, as a load tool's connection pool does.
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false };
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var url = new Uri(args[1]);
        var headers = Options("--header").Select(h => h.Split(':', 2)).ToArray();
        request = async () =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var header in headers)
            {
                message.Headers.TryAddWithoutValidation(header[0].Trim(), header[1].Trim());
            }

            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
            return response.StatusCode == HttpStatusCode.OK;
        };
        break;
    }

    case "point-read":
    {
        var table = new TableClient(Required("--connection"), Required("--table"));
        var rowKey = Required("--row");
        var select = Option("--select")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        string? partitionKey = null;
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.RowKey == rowKey, select: ["PartitionKey"]))
        {
            partitionKey = entity.PartitionKey;
        }

        if (partitionKey is null)
        {
            Console.Error.WriteLine($"no entity with RowKey {rowKey} in {table.Name}");
            return 1;
        }

        request = async () =>
        {
            var response = await table.GetEntityAsync<TableEntity>(partitionKey, rowKey, select);
            return response.GetRawResponse().Status == 200;
        };
        break;
    }

    default:
        Console.Error.WriteLine($"unknown mode {args[0]}");
        return 2;
}

var measured = Options("--cpu").Select(o => o.Split('=', 2)).Select(o => (Name: o[0], Pid: int.Parse(o[1], CultureInfo.InvariantCulture))).ToArray();
await RunAsync(TimeSpan.FromSeconds(warmup), latencies: null);
var latencies = Enumerable.Range(0, concurrency).Select(_ => new List<double>(100_000)).ToArray();
var cpuBefore = measured.Select(p => CpuTicks(p.Pid)).ToArray();
var (elapsed, errors) = await RunAsync(TimeSpan.FromSeconds(seconds), latencies);
var cpuAfter = measured.Select(p => CpuTicks(p.Pid)).ToArray();
var all = latencies.SelectMany(l => l).Order().ToArray();
var line = string.Create(CultureInfo.InvariantCulture,
    $"rps={all.Length / elapsed.TotalSeconds:F0} requests={all.Length} errors={errors} mean_ms={all.DefaultIfEmpty().Average():F2} p50_ms={Percentile(all, 0.50):F2} p99_ms={Percentile(all, 0.99):F2}");
for (var i = 0; i < measured.Length; i++)
{
    // Kernel clock ticks are 10 ms (USER_HZ 100 on Linux); a measurement of thousands of requests makes that small.
    line += string.Create(CultureInfo.InvariantCulture, $" cpu_us_{measured[i].Name}={(cpuAfter[i] - cpuBefore[i]) * 10_000.0 / Math.Max(1, all.Length):F0}");
}

Console.WriteLine(line);
return errors == 0 ? 0 : 1;

async Task<(TimeSpan Elapsed, long Errors)> RunAsync(TimeSpan duration, List<double>[]? latencies)
{
    long errors = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
    {
        while (clock.Elapsed < duration)
        {
            var start = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                ok = await request();
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or Azure.RequestFailedException)
            {
                ok = false;
            }

            latencies?[worker].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (!ok)
            {
                Interlocked.Increment(ref errors);
            }
        }
    })));
    return (clock.Elapsed, errors);
}

static long CpuTicks(int pid)
{
    // Fields after the parenthesized command name: state is field 3, utime 14 and stime 15.
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

string? Option(string name) => Options(name).LastOrDefault();

IEnumerable<string> Options(string name)
{
    for (var i = 1; i < args.Length - 1; i++)
    {
        if (args[i] == name)
        {
            yield return args[i + 1];
        }
    }
}

string Required(string name) => Option(name) ?? throw new ArgumentException($"{name} is required");
