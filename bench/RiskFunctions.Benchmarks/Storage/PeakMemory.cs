using System.Globalization;

namespace RiskFunctions.Benchmarks.Storage;

/// <summary>A process's peak resident set size (Linux <c>VmHWM</c>), for the memory a load run cost.</summary>
internal static class PeakMemory
{
    /// <summary>Peak RSS in MiB, or null where <c>/proc</c> does not tell.</summary>
    public static double? PeakRssMiB(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kib is null ? null : double.Parse(kib, CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>Peak RSS as table text.</summary>
    public static string Describe(int processId) =>
        PeakRssMiB(processId) is { } mib ? mib.ToString("F0", CultureInfo.InvariantCulture) + " MiB" : "unknown";
}
