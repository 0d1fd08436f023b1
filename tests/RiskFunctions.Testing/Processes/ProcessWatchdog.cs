using System.Diagnostics;
using System.Globalization;

namespace RiskFunctions.Testing.Processes;

/// <summary>
/// A shell loop beside a child process that outlives nothing: as soon as its owner (the test process) is gone, it
/// resumes the child (a SIGSTOP'ed process would otherwise sit stopped forever under init) and kills it. It covers
/// the deaths that skip every <c>Dispose</c> and <c>ProcessExit</c> handler, such as SIGKILL or a crashed runtime;
/// .NET offers no <c>prctl(PR_SET_PDEATHSIG)</c>, and a child's own lifeline (stdin closing) is never read while it is
/// stopped. The loop also ends when the child exits first.
/// </summary>
public sealed class ProcessWatchdog : IDisposable
{
    private const string Script =
        "owner=$1; child=$2\n" +
        "while kill -0 \"$owner\" 2>/dev/null && kill -0 \"$child\" 2>/dev/null; do sleep 0.5; done\n" +
        "kill -CONT \"$child\" 2>/dev/null\n" +
        "kill -KILL \"$child\" 2>/dev/null\n" +
        "exit 0\n";

    private readonly Process _process;

    private ProcessWatchdog(Process process) => _process = process;

    /// <summary>The watchdog's own process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Watches <paramref name="ownerId"/> (by default this process) on behalf of <paramref name="childId"/>.</summary>
    public static ProcessWatchdog Start(int childId, int? ownerId = null)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-c", Script, "process-watchdog",
            (ownerId ?? Environment.ProcessId).ToString(CultureInfo.InvariantCulture),
            childId.ToString(CultureInfo.InvariantCulture),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        return new ProcessWatchdog(Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the process watchdog."));
    }

    /// <summary>Stops watching (the child's owner stops it itself).</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
