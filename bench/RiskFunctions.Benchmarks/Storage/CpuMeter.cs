using System.Diagnostics;
using System.Globalization;

namespace RiskFunctions.Benchmarks.Storage;

/// <summary>
/// CPU time the processes of a load test (e.g. Azurite, the handler, the load client) spend during one
/// measurement: on a shared machine it tells which process a measurement is bound by.
/// </summary>
internal sealed class CpuMeter(params Process[] processes)
{
    /// <summary>Runs <paramref name="measurement"/> and returns its result with each process's CPU time during it.</summary>
    public async Task<(LoadResult Result, TimeSpan[] Cpu)> MeasureAsync(Func<Task<LoadResult>> measurement)
    {
        var before = Read();
        var result = await measurement();
        var after = Read();
        return (result, [.. after.Zip(before, (a, b) => a - b)]);
    }

    /// <summary>CPU microseconds per request of <paramref name="result"/>, as table text.</summary>
    public static string PerRequest(TimeSpan cpu, LoadResult result) =>
        result.Requests == 0 ? "-" : (cpu.TotalMicroseconds / result.Requests).ToString("F0", CultureInfo.InvariantCulture);

    private TimeSpan[] Read() => [.. processes.Select(process =>
    {
        process.Refresh();
        return process.TotalProcessorTime;
    })];
}
