using Microsoft.Extensions.Logging;
using RiskFunctions.LocalHost.Configuration;
using RiskFunctions.LocalHost.Timers;

namespace RiskFunctions.LocalHost.Tests.Configuration;

public sealed class ConfigurationTests
{
    [Fact]
    public void Parse_HostJsonWithSettings_ReadsThemCaseInsensitively()
    {
        var hostJson = HostJson.Parse("""
            {
              "version": "2.0",
              // comments are allowed, as in the real host.json
              "logging": { "logLevel": { "default": "Warning", "Function.Echo": "Debug" } },
              "extensions": {
                "http": { "routePrefix": "" },
                "ServiceBus": { "MaxConcurrentCalls": 4, "maxDeliveryCount": 3, "maxAutoLockRenewalDuration": "00:01:30" }
              }
            }
            """);

        Assert.Equal(string.Empty, hostJson.RoutePrefix);
        Assert.Equal(LogLevel.Warning, hostJson.LogLevels["default"]);
        Assert.Equal(LogLevel.Debug, hostJson.LogLevels["Function.Echo"]);
        Assert.Equal((4, 3, TimeSpan.FromSeconds(90)), (hostJson.MaxConcurrentCalls, hostJson.MaxDeliveryCount, hostJson.MaxAutoLockRenewalDuration));
    }

    [Fact]
    public void Parse_HostJsonWithoutHttpSection_DefaultPrefixApi()
    {
        Assert.Equal("api", HostJson.Parse("""{"version":"2.0"}""").RoutePrefix);
    }

    [Fact]
    public void Resolve_SettingReferences_ReplacedByOverriddenValues()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"Values":{"Queue":"from-file","Prefix":"p","Number":5}}""");
            var settings = AppSettings.Load(path, new Dictionary<string, string> { ["Queue"] = "from-override" });

            Assert.Equal("p-from-override", settings.Resolve("%Prefix%-%Queue%"));
            Assert.Equal("5", settings["Number"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Resolve_UnknownSetting_Throws()
    {
        var settings = new AppSettings([]);

        Assert.Throws<InvalidOperationException>(() => settings.Resolve("%NoSuchSettingAnywhere_7f3%"));
    }

    [Fact]
    public void NextAfter_SixFieldCron_UsesSeconds()
    {
        var schedule = TimerSchedule.Parse("*/15 * * * * *");

        Assert.Equal(new DateTime(2026, 12, 6, 8, 0, 15, DateTimeKind.Utc), schedule.NextAfter(new DateTime(2026, 12, 6, 8, 0, 1, DateTimeKind.Utc)));
    }

    [Fact]
    public void NextAfter_Interval_AddsIt()
    {
        var schedule = TimerSchedule.Parse("00:05:00");

        Assert.Equal(new DateTime(2026, 12, 6, 8, 5, 0, DateTimeKind.Utc), schedule.NextAfter(new DateTime(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Parse_NeitherCronNorInterval_Throws()
    {
        Assert.Throws<FormatException>(() => TimerSchedule.Parse("every minute"));
    }
}
