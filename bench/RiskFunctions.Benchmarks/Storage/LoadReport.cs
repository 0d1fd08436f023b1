using System.Globalization;
using System.Text;

namespace RiskFunctions.Benchmarks.Storage;

/// <summary>Command-line options and markdown rows shared by the load programs.</summary>
internal static class LoadReport
{
    /// <summary>The integer after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static int Option(string[] args, string name, int fallback)
    {
        var value = Option(args, name);
        return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>The value after <paramref name="name"/>, or null.</summary>
    public static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    /// <summary>One measurement as a row of <c>| operation | implementation | round | per second | requests | p50 ms | p99 ms |</c>.</summary>
    public static void Row(StringBuilder report, string name, string implementation, int round, LoadResult result) =>
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {implementation} | {round} | {result.ItemsPerSecond:F0} | {result.Requests} | {result.Percentile(0.50):F1} | {result.Percentile(0.99):F1} |");

    /// <summary>A latency percentile over several measurements together.</summary>
    public static double Merge(IEnumerable<LoadResult> results, double percentile)
    {
        var all = results.SelectMany(r => r.LatenciesMs).Order().ToArray();
        return all.Length == 0 ? double.NaN : all[(int)Math.Min(all.Length - 1, percentile * all.Length)];
    }
}
