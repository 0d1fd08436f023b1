using System.Diagnostics;
using System.Globalization;
using System.Text;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Host;

namespace RiskFunctions.Benchmarks.Hosting;

/// <summary>
/// Cold start of the published handler as the Functions host sees it: from starting the process to the first
/// answer on <c>GET /</c>, polled every 25 ms like the host does. Baseline: the same executable doing only its
/// publish-time job (<c>--write-function-metadata</c>: runtime start, no web host), so the difference is what
/// the web host composition costs. App roots alternate within each round so that load drift hits all alike.
/// </summary>
/// <remarks>Usage: <c>cold-start --app label=path [--app label=path ...] [--runs 10] [--output file.md]</c></remarks>
internal static class ColdStart
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = int.Parse(Option(args, "--runs") ?? "10", CultureInfo.InvariantCulture);
        var output = Option(args, "--output");
        var apps = args.Select((arg, i) => (arg, i)).Where(x => x.arg == "--app").Select(x => args[x.i + 1].Split('=', 2))
            .Select(pair => (Label: pair[0], App: new FunctionApp(pair[1]))).ToList();
        if (apps.Count == 0)
        {
            Console.Error.WriteLine("usage: cold-start --app label=<app root> [--app ...] [--runs 10] [--output file.md]");
            return 2;
        }

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var keys = Directory.CreateTempSubdirectory("coldstart-keys");
        var settings = HandlerProcessFixture.TestSettings(azurite, keys.FullName);
        var ready = apps.ToDictionary(a => a.Label, _ => new List<double>());
        var runtime = apps.ToDictionary(a => a.Label, _ => new List<double>());
        try
        {
            // One discarded start per app warms the disk cache, as on an instance that already has the package.
            foreach (var (_, app) in apps)
            {
                await using var warm = await FunctionsHost.StartAsync(app, settings);
            }

            for (var run = 0; run < runs; run++)
            {
                foreach (var (label, app) in apps)
                {
                    var clock = Stopwatch.StartNew();
                    await using (await FunctionsHost.StartAsync(app, settings))
                    {
                        ready[label].Add(clock.Elapsed.TotalMilliseconds);
                    }

                    runtime[label].Add(await RuntimeOnlyAsync(app));
                }
            }
        }
        finally
        {
            await azurite.DisposeAsync();
            keys.Delete(recursive: true);
        }

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{runs} starts per app root, alternating; milliseconds.")
            .AppendLine()
            .AppendLine("| app root | ready on GET / p50 | p90 | min | baseline: runtime only p50 | min | composition cost p50 |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, _) in apps)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} | {Percentile(ready[label], 50):F0} | {Percentile(ready[label], 90):F0} | {ready[label].Min():F0} | {Percentile(runtime[label], 50):F0} | {runtime[label].Min():F0} | {Percentile(ready[label], 50) - Percentile(runtime[label], 50):F0} |");
        }

        Console.WriteLine(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }

    /// <summary>Milliseconds for the handler's executable to start the runtime, write the metadata and exit.</summary>
    private static async Task<double> RuntimeOnlyAsync(FunctionApp app)
    {
        var target = Directory.CreateTempSubdirectory("coldstart-metadata");
        try
        {
            var executable = Path.Combine(app.Root, app.Host.DefaultExecutablePath);
            var startInfo = new ProcessStartInfo(executable) { RedirectStandardOutput = true, UseShellExecute = false };
            startInfo.ArgumentList.Add("--write-function-metadata");
            startInfo.ArgumentList.Add(target.FullName);
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(startInfo)!;
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return clock.Elapsed.TotalMilliseconds;
        }
        finally
        {
            target.Delete(recursive: true);
        }
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}
