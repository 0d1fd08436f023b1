using RiskFunctions.LocalHost.Tests.Fixtures;

namespace RiskFunctions.LocalHost.Tests.Timers;

/// <summary>The sample's timer function on a schedule taken from a setting.</summary>
public sealed class TimerScheduleTests
{
    [Fact]
    public async Task StartAsync_ScheduleSettingEverySecond_TimerFunctionFiresRepeatedly()
    {
        await using var host = await LocalFunctionsHost.StartAsync(
            SampleApp.Options(new Dictionary<string, string> { ["SampleSchedule"] = "*/1 * * * * *" }, runTimers: true));
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var records = await TriggerRecords.WaitForAsync(
            client, r => r.Count(x => x.Function == "SampleTimer") >= 2, TimeSpan.FromSeconds(30));

        Assert.All(records.Where(r => r.Function == "SampleTimer"), r => Assert.True(r.Succeeded));
    }
}
