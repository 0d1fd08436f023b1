using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.Logging;
using RiskFunctions.LocalHost.Configuration;
using RiskFunctions.LocalHost.Functions;
using RiskFunctions.LocalHost.Worker;

namespace RiskFunctions.LocalHost.Timers;

/// <summary>
/// Fires each timer function on its schedule (setting references resolved), one run at a time per function as the
/// timer extension does, with a <c>TimerInfo</c> input. <c>runOnStartup</c> is honoured.
/// </summary>
internal sealed class TimerScheduler(
    IReadOnlyList<LoadedFunction> functions, AppSettings settings, WorkerChannel channel, TimeProvider time, ILogger<TimerScheduler> logger)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    public void Start()
    {
        foreach (var function in functions.Where(f => f.IsTimer))
        {
            var schedule = TimerSchedule.Parse(settings.Resolve(function.Trigger.GetString("schedule") ?? string.Empty));
            var runOnStartup = string.Equals(function.Trigger.GetString("runOnStartup"), "true", StringComparison.OrdinalIgnoreCase);
            _loops.Add(RunAsync(function, schedule, runOnStartup, _stop.Token));
        }
    }

    /// <summary>Runs a timer function once now, as the admin endpoint asks.</summary>
    public static Task<InvocationResponse> InvokeAsync(
        WorkerChannel channel, LoadedFunction function, ScheduleStatusPayload? status, bool isPastDue, CancellationToken cancellationToken)
    {
        var request = new InvocationRequest { InvocationId = Guid.NewGuid().ToString(), FunctionId = function.FunctionId };
        var payload = new TimerInfoPayload(new TimerSchedulePayload(AdjustForDst: true), status, isPastDue);
        request.InputData.Add(new ParameterBinding
        {
            Name = function.Trigger.Name,
            Data = new TypedData { Json = JsonSerializer.Serialize(payload, MetadataJsonContext.Default.TimerInfoPayload) },
        });
        return channel.InvokeAsync(request, function.Name, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task RunAsync(LoadedFunction function, TimerSchedule schedule, bool runOnStartup, CancellationToken stop)
    {
        var last = time.GetUtcNow().UtcDateTime;
        if (runOnStartup)
        {
            await FireAsync(function, new ScheduleStatusPayload(last, schedule.NextAfter(last), last), stop);
        }

        while (!stop.IsCancellationRequested)
        {
            var next = schedule.NextAfter(time.GetUtcNow().UtcDateTime);
            var delay = next - time.GetUtcNow().UtcDateTime;
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, stop);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = time.GetUtcNow().UtcDateTime;
            await FireAsync(function, new ScheduleStatusPayload(last, schedule.NextAfter(now), now), stop);
            last = now;
        }
    }

    private async Task FireAsync(LoadedFunction function, ScheduleStatusPayload status, CancellationToken stop)
    {
        try
        {
            var response = await InvokeAsync(channel, function, status, isPastDue: false, stop);
            if (response.Result?.Status != StatusResult.Types.Status.Success)
            {
                logger.LogWarning("Timer function {FunctionName} failed: {Failure}", function.Name, response.Result?.Exception?.Message);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WorkerUnavailableException)
        {
            logger.LogDebug(ex, "Timer function {FunctionName} was not run", function.Name);
        }
    }
}
