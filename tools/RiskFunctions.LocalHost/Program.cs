using System.Runtime.InteropServices;
using RiskFunctions.LocalHost;
using RiskFunctions.LocalHost.Worker;

// Usage: RiskFunctions.LocalHost <app-directory> [--settings <local.settings.json>] [--address 127.0.0.1] [--port 7071]
if (!CommandLine.TryParse(args, out var options, out var usageError))
{
    await Console.Error.WriteLineAsync(usageError);
    await Console.Error.WriteLineAsync(CommandLine.Usage);
    return 2;
}

using var shutdown = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    shutdown.Cancel();
});
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    shutdown.Cancel();
});

LocalFunctionsHost host;
try
{
    host = await LocalFunctionsHost.StartAsync(options, shutdown.Token);
}
catch (Exception ex) when (ex is WorkerStartException or InvalidOperationException or IOException or OperationCanceledException or TimeoutException)
{
    await Console.Error.WriteLineAsync($"The Functions host could not start: {ex.Message}");
    return 1;
}

await using (host)
{
    Console.WriteLine(StartupBanner.Describe(host));
    var stopped = await Task.WhenAny(host.WorkerExited, Task.Delay(Timeout.Infinite, shutdown.Token).ContinueWith(_ => { }, TaskScheduler.Default));
    if (stopped == host.WorkerExited && !shutdown.IsCancellationRequested)
    {
        await Console.Error.WriteLineAsync("The worker process exited; stopping.");
        return 1;
    }

    Console.WriteLine("Stopping the Functions host and its worker.");
}

return 0;
