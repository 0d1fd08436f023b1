namespace RiskFunctions.Testing.Azurite;

/// <summary>How a dedicated <see cref="AzuriteServer"/> runs and what ends it.</summary>
public sealed class AzuriteServerOptions
{
    /// <summary>
    /// Where Azurite keeps its tables on disk (it saves them about every 5 s and when it closes gracefully), so a
    /// restarted instance finds them again; <c>null</c> keeps them in memory.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>Azurite is killed when this is cancelled, as on <see cref="AzuriteServer.Dispose()"/>.</summary>
    public CancellationToken Lifetime { get; init; }

    /// <summary>
    /// The process whose death kills Azurite (see <see cref="Processes.ProcessWatchdog"/>); this test process unless
    /// a test stands in another owner to prove the point.
    /// </summary>
    public int? OwnerProcessId { get; init; }
}
