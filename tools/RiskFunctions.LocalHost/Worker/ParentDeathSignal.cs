namespace RiskFunctions.LocalHost.Worker;

/// <summary>
/// Linux delivers a parent-death signal (prctl PR_SET_PDEATHSIG, set by util-linux's setpriv before it execs the
/// worker) when the THREAD that started the child exits, not the process. The worker is therefore started from a
/// dedicated thread that lives as long as the worker does; thread-pool threads come and go.
/// </summary>
internal static class ParentDeathSignal
{
    public const string SetprivPath = "/usr/bin/setpriv";
}
