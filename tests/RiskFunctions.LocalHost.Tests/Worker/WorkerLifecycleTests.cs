using System.Diagnostics;
using System.Text.RegularExpressions;
using RiskFunctions.LocalHost.Tests.Fixtures;
using RiskFunctions.LocalHost.Worker;

namespace RiskFunctions.LocalHost.Tests.Worker;

/// <summary>The worker process lives and dies with its host.</summary>
public sealed partial class WorkerLifecycleTests
{
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task DisposeAsync_RunningWorker_WorkerProcessExits()
    {
        var host = await LocalFunctionsHost.StartAsync(SampleApp.Options());
        using var worker = Process.GetProcessById(host.WorkerProcessId);

        await host.DisposeAsync();

        Assert.True(await ExitsAsync(worker), $"worker {worker.Id} still running");
    }

    [Fact]
    public async Task StartAsync_WorkerCannotStart_ThrowsWorkerStartException()
    {
        var appDirectory = Directory.CreateTempSubdirectory("localhost-broken-app").FullName;
        try
        {
            await File.WriteAllTextAsync(
                Path.Combine(appDirectory, "worker.config.json"),
                """{"description":{"defaultExecutablePath":"dotnet","defaultWorkerPath":"Missing.dll"}}""");

            var error = await Assert.ThrowsAsync<WorkerStartException>(() => LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
            {
                AppDirectory = appDirectory,
                Port = 0,
                ConfigureLogging = _ => { },
            }));

            Assert.Contains("exited", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(appDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_TriggerNamesAnUndefinedSetting_ThrowsWorkerStartExceptionNamingIt()
    {
        var error = await Assert.ThrowsAsync<WorkerStartException>(() => LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
        {
            AppDirectory = SampleApp.Directory,
            Settings = new Dictionary<string, string> { ["SampleSchedule"] = "0 0 0 1 1 *" },
            Port = 0,
            RunTimers = false,
            ConfigureLogging = _ => { },
        }));

        Assert.Contains("'SampleQueue'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostProcess_WorkerCannotStart_ExitsWithCodeOne()
    {
        var appDirectory = Directory.CreateTempSubdirectory("localhost-broken-cli").FullName;
        try
        {
            await File.WriteAllTextAsync(
                Path.Combine(appDirectory, "worker.config.json"),
                """{"description":{"defaultExecutablePath":"dotnet","defaultWorkerPath":"Missing.dll"}}""");
            using var host = Process.Start(new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
            {
                ArgumentList = { SampleApp.LocalHostAssembly, appDirectory, "--port", "0" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var error = host.StandardError.ReadToEndAsync();

            Assert.True(await ExitsAsync(host), "host kept running without a worker");
            Assert.Equal(1, host.ExitCode);
            Assert.Contains("could not start", await error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(appDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task HostProcessKilled_WorkerProcessIsKilledToo()
    {
        using var host = Process.Start(new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            ArgumentList = { SampleApp.LocalHostAssembly, SampleApp.Directory, "--settings", SampleApp.SettingsFile, "--port", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            var workerId = await ReadWorkerProcessIdAsync(host);
            using var worker = Process.GetProcessById(workerId);

            host.Kill();

            Assert.True(await ExitsAsync(worker), $"worker {workerId} outlived its host");
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task HostProcessInterrupted_StopsWorkerAndExitsZero()
    {
        using var host = Process.Start(new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            ArgumentList = { SampleApp.LocalHostAssembly, SampleApp.Directory, "--settings", SampleApp.SettingsFile, "--port", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            var workerId = await ReadWorkerProcessIdAsync(host);
            using var worker = Process.GetProcessById(workerId);

            using (var term = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            Assert.True(await ExitsAsync(host), "host did not exit on SIGTERM");
            Assert.Equal(0, host.ExitCode);
            Assert.True(await ExitsAsync(worker), $"worker {workerId} outlived its host");
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<int> ReadWorkerProcessIdAsync(Process host)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await host.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            if (WorkerProcessLine().Match(line) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"The host exited without starting its worker: {await host.StandardError.ReadToEndAsync()}");
    }

    private static async Task<bool> ExitsAsync(Process process)
    {
        using var limit = new CancellationTokenSource(ExitPatience);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\(worker process (\d+)\)")]
    private static partial Regex WorkerProcessLine();
}
