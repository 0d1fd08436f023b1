using System.Globalization;
using System.Text;
using RiskFunctions.Benchmarks.Hosting;
using RiskFunctions.Benchmarks.Quality;
using RiskFunctions.Benchmarks.Storage;

namespace RiskFunctions.Benchmarks.Actions;

/// <summary>
/// The historical import over HTTP against the published handler on a fresh in-memory Azurite: a synthetic history
/// (<see cref="ImportLoad"/>) posted in batches, one batch at a time as a migrating tenant's script would; events/s
/// per batch (how the cost grows with the data) and overall, and the handler's peak RSS.
/// </summary>
/// <remarks>
/// Usage: <c>import-throughput [--events 37000] [--batch 1000] [--users 5000] [--output file.md]</c>, or against a
/// service already running (<c>./run.sh</c> with <c>RISK_IMPORT_CLIENT=1</c>: its timers run too, as in production)
/// with <c>--url http://127.0.0.1:7071 --client-id demo.importer --client-secret SECRET</c>.
/// </remarks>
internal static class ImportThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var events = LoadReport.Option(args, "--events", 37_000);
        var batch = LoadReport.Option(args, "--batch", 1000);
        var users = LoadReport.Option(args, "--users", 5000);
        var output = LoadReport.Option(args, "--output");
        var url = LoadReport.Option(args, "--url");
        await using var loaded = url is null ? await LoadedApp.StartAsync(new Dictionary<string, string> { ["IpIntelligence__UseSampleData"] = "true" }) : null;
        using var running = url is null ? null : new HttpClient(new ClientCredentialsHandler(Required(args, "--client-id"), Required(args, "--client-secret")))
        {
            BaseAddress = new Uri(url),
        };
        var http = loaded?.Http ?? running!;

        // A batch of thousands of lines can take minutes on a loaded machine.
        http.Timeout = TimeSpan.FromMinutes(30);
        var load = new ImportLoad(http, users, "imp");
        var (seconds, batches) = await load.ImportAsync(events, batch, Console.WriteLine);

        var memory = loaded is null ? $"the service at {url}" : $"worker peak RSS {PeakMemory.Describe(loaded.WorkerProcessId)}";
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{events} events ({users} users: register, payments, a result for each, a fraud label for one user in 60) in batches of {batch}: **{events / seconds:F0} events/s** overall, {seconds:F0} s; {memory}; batches posted again after a 503/409: {load.Retries}.")
            .AppendLine()
            .AppendLine("| events done | events/s in that batch |")
            .AppendLine("|---:|---:|");
        foreach (var (done, perSecond) in batches)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {done} | {perSecond:F0} |");
        }

        var text = report.ToString();
        Console.WriteLine(text);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, text);
        }

        return 0;
    }

    private static string Required(string[] args, string name) =>
        LoadReport.Option(args, name) ?? throw new ArgumentException($"{name} is required with --url");
}
