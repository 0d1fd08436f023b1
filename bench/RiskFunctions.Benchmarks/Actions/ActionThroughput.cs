using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RiskFunctions.Benchmarks.Hosting;
using RiskFunctions.Benchmarks.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Benchmarks.Actions;

/// <summary>
/// The action endpoints over HTTP through the local Functions host to the app's worker, on an Azurite of its own, beside raw signed Table requests to
/// the same Azurite in the same run:
/// <list type="bullet">
/// <item><c>POST /risk/v1/action/trigger-action</c>: actions/s and latency, beside raw single-entity inserts/s;</item>
/// <item><c>POST /risk/v1/action/result</c>: the first result (a success) of each action the trigger rounds stored,
/// results/s and latency, beside raw single-entity inserts/s;</item>
/// <item><c>GET /risk/v1/recommendation</c>: requests/s and latency, beside a raw point-read loop over the very
/// action rows the endpoint reads;</item>
/// <item><c>POST /risk/v1/label</c>: an analyst's label on each stored action (the label and its outbox row stored, the
/// propagation message sent and recorded sent), labels/s and latency, beside raw single-entity inserts/s.</item>
/// </list>
/// Rounds alternate baseline and endpoint so that load drift hits both alike. Each measurement also reports the
/// CPU time Azurite, the handler and this load client spent per request, which shows what a run is bound by.
/// </summary>
/// <remarks>
/// Usage: <c>action-throughput [--seconds 10] [--concurrency 16] [--rounds 2] [--users 500] [--preload 0] [--output file.md]
/// [--worker-setting NAME=VALUE ...]</c>; <c>--preload N</c> first stores a history of N events through the historical
/// import (<see cref="ImportLoad"/>), to measure how the cost per action grows with the data; <c>--worker-setting</c>
/// adds an app setting (an environment variable of the worker), e.g. <c>DOTNET_PerfMapEnabled=1</c> to profile the
/// worker alone with <c>perf</c>.
/// </remarks>
internal static class ActionThroughput
{
    private const string Agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = LoadReport.Option(args, "--seconds", 10);
        var concurrency = LoadReport.Option(args, "--concurrency", 16);
        var rounds = LoadReport.Option(args, "--rounds", 2);
        var users = LoadReport.Option(args, "--users", 500);
        var output = LoadReport.Option(args, "--output");
        var preload = LoadReport.Option(args, "--preload", 0);
        var duration = TimeSpan.FromSeconds(seconds);

        var settings = new Dictionary<string, string> { ["IpIntelligence__UseSampleData"] = "true" };
        foreach (var (name, value) in WorkerSettings(args))
        {
            settings[name] = value;
        }

        await using var loaded = await LoadedApp.StartAsync(settings);
        var azurite = loaded.Azurite;
        var tenant = loaded.Tenant;
        var http = loaded.Http;
        var raw = loaded.Raw;
        var cpu = new CpuMeter(Process.GetProcessById(azurite.Server.ProcessId), Process.GetProcessById(loaded.WorkerProcessId), Process.GetCurrentProcess());
        var baselineTable = await azurite.CreateTableAsync("baseline");
        var actionsTable = azurite.TableName(ActionTables.ActionsTableName);
        if (preload > 0)
        {
            // A batch of the preload's history can take minutes once its tables are large (the client waits a minute by default).
            http.Timeout = TimeSpan.FromMinutes(30);
        }

        var preloaded = preload == 0 ? string.Empty : await PreloadAsync(http, preload);

        var tokens = new List<string>();
        var tokensLock = new Lock();
        Func<int, long, Task<int>> Trigger(string run) => async (worker, sequence) =>
        {
            var user = (worker * 7919L + sequence * 104_729L) % users;
            using var response = await http.PostAsync("/risk/v1/action/trigger-action", Login(run, user, worker, sequence));
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != 201)
            {
                throw new InvalidOperationException($"trigger-action answered {(int)response.StatusCode}: {body}");
            }

            var token = JsonNode.Parse(body)!["action_token"]!.GetValue<string>();
            lock (tokensLock)
            {
                tokens.Add(token);
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
            var token = read[(int)((worker * 7919L + sequence * 104_729L) % read.Count)];
            using var response = await http.GetAsync("/risk/v1/recommendation?action_token=" + token);
            _ = await response.Content.ReadAsByteArrayAsync();
            if ((int)response.StatusCode != 200)
            {
                throw new InvalidOperationException($"recommendation answered {(int)response.StatusCode}");
            }

            return 1;
        };
        // One request for each of the actions, then nothing (0 ends a worker).
        Func<int, long, Task<int>> OnePerAction(string[] actions, string path, Func<string, StringContent> body)
        {
            var next = -1;
            return async (_, _) =>
            {
                var index = Interlocked.Increment(ref next);
                if (index >= actions.Length)
                {
                    return 0;
                }

                using var response = await http.PostAsync(path, body(actions[index]));
                if ((int)response.StatusCode != 201)
                {
                    throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                return 1;
            };
        }

        Func<int, long, Task<int>> Result(string[] actions) => OnePerAction(actions, "/risk/v1/action/result", Success);
        Func<int, long, Task<int>> Label(string[] actions) => OnePerAction(actions, "/risk/v1/label", FraudLabel);
        // The endpoint reads only the stored document's properties; the same read by hand tells Azurite's cost of that.
        var documentSelect = string.Join(',', ActionsTable.DocumentProperties);
        Func<int, long, Task<int>> PointRead(IReadOnlyList<string> read, string? select = null) => async (worker, sequence) =>
        {
            var token = read[(int)((worker * 7919L + sequence * 104_729L) % read.Count)];
            await raw.GetAsync(actionsTable, Uri.EscapeDataString(TableKeyEncoder.Join(tenant.Id, token[..2])), token, select);
            return 1;
        };

        // Warm-up: JIT, connection pools, caches; discarded.
        await LoadRunner.RunAsync(concurrency, TimeSpan.FromSeconds(2), Trigger("warm"));
        await LoadRunner.RunAsync(concurrency, TimeSpan.FromSeconds(1), Insert("warm"));

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{concurrency} concurrent clients, {seconds} s per measurement, {rounds} rounds alternating baseline and endpoint; {users} distinct users.")
            .AppendLine()
            .AppendLine("| operation | implementation | round | per second | requests | p50 ms | p99 ms | CPU µs/request: Azurite | worker | load client |")
            .AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        var triggerRates = new List<double>();
        var insertRates = new List<double>();
        var triggerLatencies = new List<LoadResult>();
        for (var round = 1; round <= rounds; round++)
        {
            var (insert, insertCpu) = await cpu.MeasureAsync(() => LoadRunner.RunAsync(concurrency, duration, Insert($"r{round}")));
            Row(report, "insert one entity", "raw signed HttpClient", round, insert, insertCpu);
            insertRates.Add(insert.ItemsPerSecond);
            var (trigger, triggerCpu) = await cpu.MeasureAsync(() => LoadRunner.RunAsync(concurrency, duration, Trigger($"r{round}")));
            Row(report, "trigger-action", "app through the local host", round, trigger, triggerCpu);
            triggerRates.Add(trigger.ItemsPerSecond);
            triggerLatencies.Add(trigger);
        }

        var readable = tokens.ToArray();

        // One request per stored action, as in production: the warm-up takes a tenth of the stored actions and each round an
        // equal share of the rest, so that every round measures; a round that has sent its share ends early.
        var warmUp = readable.Length / 10;
        var share = (readable.Length - warmUp) / rounds;
        async Task<(List<double> Rates, List<double> InsertRates, List<LoadResult> Latencies, long Sent)> OnePerActionRoundsAsync(
            string name, string baselineRun, Func<string[], Func<int, long, Task<int>>> load)
        {
            var (rates, insertRates, latencies) = (new List<double>(), new List<double>(), new List<LoadResult>());
            var sent = (await LoadRunner.RunAsync(concurrency, TimeSpan.FromSeconds(1), load(readable[..warmUp]))).Requests;
            for (var round = 1; round <= rounds; round++)
            {
                var (insert, insertCpu) = await cpu.MeasureAsync(() => LoadRunner.RunAsync(concurrency, duration, Insert($"{baselineRun}{round}")));
                Row(report, "insert one entity", "raw signed HttpClient", round, insert, insertCpu);
                insertRates.Add(insert.ItemsPerSecond);
                var actions = readable[(warmUp + ((round - 1) * share))..(warmUp + (round * share))];
                var (measured, measuredCpu) = await cpu.MeasureAsync(() => LoadRunner.RunAsync(concurrency, duration, load(actions)));
                Row(report, name, "app through the local host", round, measured, measuredCpu);
                rates.Add(measured.ItemsPerSecond);
                latencies.Add(measured);
                sent += measured.Requests;
            }

            return (rates, insertRates, latencies, sent);
        }

        var (resultRates, resultInsertRates, resultLatencies, given) = await OnePerActionRoundsAsync("action/result (success, the action's first)", "s", Result);

        await LoadRunner.RunAsync(concurrency, TimeSpan.FromSeconds(1), Get(readable));
        await LoadRunner.RunAsync(concurrency, TimeSpan.FromSeconds(1), PointRead(readable));
        var getRates = new List<double>();
        var readRates = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var (pointRead, pointReadCpu) = await cpu.MeasureAsync(() => LoadRunner.RunAsync(concurrency, duration, PointRead(readable)));
            Row(report, "point read of an action row", "raw signed HttpClient", round, pointRead, pointReadCpu);
            readRates.Add(pointRead.ItemsPerSecond);
            var (get, getCpu) = await cpu.MeasureAsync(() => LoadRunner.RunAsync(concurrency, duration, Get(readable)));
            Row(report, "GET /recommendation", "app through the local host", round, get, getCpu);
            var (selected, selectedCpu) = await cpu.MeasureAsync(() => LoadRunner.RunAsync(concurrency, duration, PointRead(readable, documentSelect)));
            Row(report, "point read of the document properties ($select as the endpoint)", "raw signed HttpClient", round, selected, selectedCpu);
            getRates.Add(get.ItemsPerSecond);
        }

        // Last, as its propagations (one action each) run in the background: an analyst's label on each stored action.
        var (labelRates, labelInsertRates, labelLatencies, labeled) = await OnePerActionRoundsAsync("POST /label (ACTION_ID, the action's first)", "l", Label);

        var summary = new StringBuilder()
            .AppendLine("| operation | endpoint per s (mean) | baseline | baseline per s (mean) | endpoint / baseline |")
            .AppendLine("|---|---:|---|---:|---:|")
            .AppendLine(CultureInfo.InvariantCulture, $"| GET /recommendation | {getRates.Average():F0} | raw point read of the same rows | {readRates.Average():F0} | {getRates.Average() / readRates.Average():P0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| trigger-action | {triggerRates.Average():F0} | raw single-entity insert | {insertRates.Average():F0} | {triggerRates.Average() / insertRates.Average():P0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| action/result | {resultRates.Where(rate => rate > 0).DefaultIfEmpty().Average():F0} | raw single-entity insert | {resultInsertRates.Average():F0} | {resultRates.Where(rate => rate > 0).DefaultIfEmpty().Average() / resultInsertRates.Average():P0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| POST /label | {labelRates.Where(rate => rate > 0).DefaultIfEmpty().Average():F0} | raw single-entity insert | {labelInsertRates.Average():F0} | {labelRates.Where(rate => rate > 0).DefaultIfEmpty().Average() / labelInsertRates.Average():P0} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"trigger-action latency over all rounds: p50 {LoadReport.Merge(triggerLatencies, 0.50):F1} ms, p99 {LoadReport.Merge(triggerLatencies, 0.99):F1} ms; {readable.Length} actions stored; worker peak RSS {PeakMemory.Describe(loaded.WorkerProcessId)}.")
            .AppendLine(CultureInfo.InvariantCulture, $"action/result latency over all rounds: p50 {LoadReport.Merge(resultLatencies, 0.50):F1} ms, p99 {LoadReport.Merge(resultLatencies, 0.99):F1} ms; {given} of the {readable.Length} stored actions got their result, a tenth in the warm-up and an equal share of the rest per round.")
            .AppendLine(CultureInfo.InvariantCulture, $"POST /label latency over all rounds: p50 {LoadReport.Merge(labelLatencies, 0.50):F1} ms, p99 {LoadReport.Merge(labelLatencies, 0.99):F1} ms; {labeled} of the stored actions labeled, shared out as the results were.")
            .Append(preloaded);
        var text = summary.AppendLine().Append(report).ToString();
        Console.WriteLine(text);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, text);
        }

        return 0;
    }

    /// <summary>The values of every <c>--worker-setting NAME=VALUE</c>.</summary>
    private static IEnumerable<(string Name, string Value)> WorkerSettings(string[] args)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--worker-setting")
            {
                var setting = args[i + 1];
                var equals = setting.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new ArgumentException($"--worker-setting expects NAME=VALUE, not '{setting}'.");
                }

                yield return (setting[..equals], setting[(equals + 1)..]);
            }
        }
    }

    /// <summary>Stores <paramref name="events"/> events of history through the import; a line saying how fast.</summary>
    private static async Task<string> PreloadAsync(HttpClient http, int events)
    {
        var (seconds, _) = await new ImportLoad(http, Math.Max(500, events / 20), "pre").ImportAsync(events, 1000, Console.WriteLine);
        return string.Create(CultureInfo.InvariantCulture, $" Before the measurements, {events} events were imported ({events / seconds:F0} events/s).");
    }

    /// <summary>A measurement as a row of <see cref="LoadReport.Row"/>'s columns and the CPU per request of Azurite, handler and client.</summary>
    private static void Row(StringBuilder report, string name, string implementation, int round, LoadResult result, TimeSpan[] cpu) =>
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {implementation} | {round} | {result.ItemsPerSecond:F0} | {result.Requests} | {result.Percentile(0.50):F1} | {result.Percentile(0.99):F1} | {CpuMeter.PerRequest(cpu[0], result)} | {CpuMeter.PerRequest(cpu[1], result)} | {CpuMeter.PerRequest(cpu[2], result)} |");

    /// <summary>A login of one of the benchmark's users from one of a few networks and devices per user.</summary>
    private static StringContent Login(string run, long user, int worker, long sequence)
    {
        var json = new JsonObject
        {
            ["action_type"] = "login",
            ["user_id"] = "user" + user.ToString(CultureInfo.InvariantCulture),
            ["correlation_id"] = $"{run}-{worker}-{sequence}",
            ["context"] = new JsonObject
            {
                ["ip"] = $"192.0.2.{user % 200 + 1}",
                ["user_agent"] = Agent,
                ["device_id"] = $"device{user}-{sequence % 2}",
                ["device_fingerprint"] = $"fp{user}",
            },
        }.ToJsonString();
        return new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
    }

    private static StringContent Success(string actionToken) => new(
        new JsonObject { ["action_token"] = actionToken, ["result"] = "success" }.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static StringContent FraudLabel(string actionToken) => new(
        new JsonObject
        {
            ["label_type"] = "CONFIRMED_FRAUD",
            ["subject"] = new JsonObject { ["type"] = "ACTION_ID", ["value"] = actionToken },
            ["source"] = "MANUAL_REVIEW",
        }.ToJsonString(),
        Encoding.UTF8,
        new MediaTypeHeaderValue("application/json"));

    private static string InsertJson(string partitionKey, long row) => string.Create(
        CultureInfo.InvariantCulture, $"{{\"PartitionKey\":\"{partitionKey}\",\"RowKey\":\"{row:D10}\",\"ActionType\":\"login\",\"Sequence\":{row}}}");
}
