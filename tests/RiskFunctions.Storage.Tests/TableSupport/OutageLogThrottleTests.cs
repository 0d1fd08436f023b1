using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Storage.Tests.TableSupport;

public sealed class OutageLogThrottleTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void ShouldLog_FirstFailure_LogsWithNothingUnlogged()
    {
        var throttle = new OutageLogThrottle(_time);

        Assert.True(throttle.ShouldLog(out var unlogged));
        Assert.Equal(0, unlogged);
    }

    [Fact]
    public void ShouldLog_RepeatedWithinTheWindow_IsSuppressed()
    {
        var throttle = new OutageLogThrottle(_time) { Window = TimeSpan.FromSeconds(10) };
        throttle.ShouldLog(out _);

        _time.Advance(TimeSpan.FromSeconds(9));

        Assert.False(throttle.ShouldLog(out _));
        Assert.False(throttle.ShouldLog(out _));
    }

    [Fact]
    public void ShouldLog_AfterTheWindow_LogsAndCountsWhatWasSuppressed()
    {
        var throttle = new OutageLogThrottle(_time) { Window = TimeSpan.FromSeconds(10) };
        throttle.ShouldLog(out _);
        throttle.ShouldLog(out _);
        throttle.ShouldLog(out _);

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(throttle.ShouldLog(out var unlogged));
        Assert.Equal(2, unlogged);
        Assert.False(throttle.ShouldLog(out _));
    }

    [Fact]
    public void Describe_NestedFailure_IsOneLineWithTheInnermostCause()
    {
        var exception = new StorageUnavailableException(
            "Table storage did not answer GET /t in time",
            new AggregateException(new HttpRequestException("first"), new HttpRequestException("Connection refused\n(127.0.0.1:1)")));

        var line = OutageLogThrottle.Describe(exception);

        Assert.Equal("StorageUnavailableException: Table storage did not answer GET /t in time (HttpRequestException: Connection refused (127.0.0.1:1))", line);
    }
}
