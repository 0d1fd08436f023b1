using System.Text;

namespace RiskFunctions.LocalHost;

/// <summary>What the host prints once the worker is up: where it listens and the functions it loaded.</summary>
internal static class StartupBanner
{
    public static string Describe(LocalFunctionsHost host)
    {
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"Functions host running on {host.BaseAddress} (worker process {host.WorkerProcessId})"));
        text.AppendLine(FormattableString.Invariant(
            $"Worker connected after {host.WorkerConnectTime.TotalMilliseconds:F0} ms, functions loaded after {host.WorkerReadyTime.TotalMilliseconds:F0} ms"));
        text.AppendLine("Functions:");
        foreach (var function in host.Functions.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            text.AppendLine(FormattableString.Invariant($"  {function.Name}: {function.Describe(host.RoutePrefix)}"));
        }

        text.Append(FormattableString.Invariant($"Admin: POST {host.BaseAddress}admin/functions/{{name}}, {host.BaseAddress}admin/local/queues/{{queue}}[/messages|/deadletters]"));
        return text.ToString();
    }
}
