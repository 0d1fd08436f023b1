using Microsoft.Azure.Functions.Worker;

namespace SampleWorkerApp.Timers;

/// <summary>A timer function whose schedule comes from a setting.</summary>
public sealed class SampleTimerFunction(TriggerLog log)
{
    [Function(nameof(SampleTimer))]
    public void SampleTimer([TimerTrigger("%SampleSchedule%")] TimerInfo timer) =>
        log.Add(new TriggerRecord(nameof(SampleTimer), null, 0, timer.IsPastDue ? "past-due" : "on-time", null, null, null, true));
}
