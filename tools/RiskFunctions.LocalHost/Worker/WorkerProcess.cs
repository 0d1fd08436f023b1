using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace RiskFunctions.LocalHost.Worker;

/// <summary>The worker's OS process: started from a dedicated thread, its output logged, stopped or killed with the host.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new();

    private WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited => _exited.Task;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static WorkerProcess Start(ProcessStartInfo startInfo, ILogger logger)
    {
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => LogLine(logger, LogLevel.Information, e.Data);
        process.ErrorDataReceived += (_, e) => LogLine(logger, LogLevel.Error, e.Data);
        process.Exited += (_, _) => worker._exited.TrySetResult();

        Exception? failure = null;
        using var started = new ManualResetEventSlim();
        var owner = new Thread(() =>
        {
            try
            {
                process.Start();
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                failure = ex;
                started.Set();
                return;
            }

            started.Set();
            // Keeps the starting thread (and with it the parent-death signal) alive until the worker is gone.
            worker._released.Wait();
            worker._released.Dispose();
        })
        {
            IsBackground = true,
            Name = "Functions worker owner",
        };
        owner.Start();
        started.Wait();
        if (failure is not null)
        {
            throw new InvalidOperationException($"Could not start the worker '{startInfo.FileName}': {failure.Message}", failure);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits up to <paramref name="gracePeriod"/> for the worker to exit on its own, then kills its process tree.</summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        try
        {
            await _exited.Task.WaitAsync(gracePeriod);
        }
        catch (TimeoutException)
        {
            Kill();
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        _released.Set();
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static void LogLine(ILogger logger, LogLevel level, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            logger.Log(level, "{WorkerOutput}", line);
        }
    }
}
