using System.Diagnostics;
using System.Globalization;

namespace RiskFunctions.Testing.Processes;

/// <summary>
/// Sends POSIX signals to a process by running <c>kill</c>: .NET can only kill, and a test needs to stop, resume or
/// interrupt a child (SIGSTOP, SIGCONT, SIGINT) as an operator or the kernel would.
/// </summary>
public static class ProcessSignals
{
    /// <summary>Freezes the process: it keeps its sockets but answers nothing (a hung dependency).</summary>
    public static void Stop(int processId) => Send(processId, "STOP");

    /// <summary>Resumes a stopped process; harmless for a running one.</summary>
    public static void Continue(int processId) => Send(processId, "CONT");

    /// <summary>Asks the process to shut down as Ctrl+C does.</summary>
    public static void Interrupt(int processId) => Send(processId, "INT");

    /// <summary>
    /// Sends <c>SIG<paramref name="signal"/></c>; a process that is already gone is not an error (the caller is
    /// making sure it stops, or it raced with its exit).
    /// </summary>
    public static void Send(int processId, string signal)
    {
        var startInfo = new ProcessStartInfo("kill")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("-s");
        startInfo.ArgumentList.Add(signal);
        startInfo.ArgumentList.Add(processId.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not run kill.");
        kill.StandardError.ReadToEnd();
        kill.WaitForExit();
    }

    /// <summary>Whether a process with this id exists (a zombie counts until it is reaped).</summary>
    public static bool Exists(int processId) => Directory.Exists($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}");
}
