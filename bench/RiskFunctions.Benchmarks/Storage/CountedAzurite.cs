using System.Diagnostics;
using Azure.Core;
using Azure.Data.Tables;
using RiskFunctions.Storage;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Benchmarks.Storage;

/// <summary>
/// An Azurite this program starts, with tables on a client that counts every request it sends (retries included),
/// and the emulator's process, for its CPU time.
/// </summary>
internal sealed class CountedAzurite : IDisposable
{
    private const string Prefix = "bench";

    private readonly AzuriteServer _server;

    private CountedAzurite(AzuriteServer server, RiskTables tables, StorageRequestCounter counter)
    {
        _server = server;
        Tables = tables;
        Counter = counter;
        Process = Process.GetProcessById(server.ProcessId);
    }

    public RiskTables Tables { get; }

    public StorageRequestCounter Counter { get; }

    public Process Process { get; }

    /// <summary>Starts Azurite and creates <paramref name="tables"/>.</summary>
    public static async Task<CountedAzurite> StartAsync(IReadOnlyList<string> tables)
    {
        var server = await AzuriteServer.StartAsync();
        var counter = new StorageRequestCounter(Prefix);

        // A generous call timeout: parallel requests queue up on a loaded machine, and a retry would count twice.
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var riskTables = RiskTables.Create(new StorageOptions { ConnectionString = server.ConnectionString, TablePrefix = Prefix, CallTimeout = TimeSpan.FromMinutes(1) }, clientOptions);
        await riskTables.EnsureCreatedAsync(tables);
        return new CountedAzurite(server, riskTables, counter);
    }

    public void Dispose()
    {
        Process.Dispose();
        _server.Dispose();
    }
}
