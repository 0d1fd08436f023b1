using System.Globalization;
using NCrontab;

namespace RiskFunctions.LocalHost.Timers;

/// <summary>
/// A timer trigger's schedule: an NCRONTAB expression (6 fields with seconds, as Functions uses; 5 fields accepted)
/// or a constant interval (<c>hh:mm:ss</c>). Occurrences are computed in UTC, the Functions default without
/// WEBSITE_TIME_ZONE.
/// </summary>
internal sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan? _interval;

    private TimerSchedule(CrontabSchedule? cron, TimeSpan? interval)
    {
        _cron = cron;
        _interval = interval;
    }

    public static TimerSchedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is 5 or 6)
        {
            return new TimerSchedule(
                CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields.Length == 6 }),
                null);
        }

        return TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero
            ? new TimerSchedule(null, interval)
            : throw new FormatException($"'{expression}' is neither an NCRONTAB expression nor an interval.");
    }

    public DateTime NextAfter(DateTime utc) =>
        _cron?.GetNextOccurrence(utc) ?? utc + _interval!.Value;
}
