using Azure.Core.Pipeline;
using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Logging;
using RiskFunctions.Benchmarks.Actions;
using RiskFunctions.Functions.Hosting;

namespace RiskFunctions.Benchmarks.Storage;

/// <summary>
/// The Azure SDK's point read of a row, answered from memory (<see cref="CannedTableHandler"/>), while the SDK's event
/// sources are listened to as <c>AddAzureClients</c> does (<see cref="AzureEventSourceLogForwarder"/>, from Verbose up)
/// and as the app does (<see cref="AzureSdkLogging"/>, from Warning up); the loggers behind both keep Warning and up,
/// as the app's filters do. The event sources are process-wide, so each case sets its listener up and tears it down.
/// </summary>
[MemoryDiagnoser]
public class AzureSdkLoggingBenchmarks
{
    private const string Row = """{"odata.metadata":"http://127.0.0.1:10002/devstoreaccount1/$metadata#bench/@Element","odata.etag":"W/\"datetime'2026-12-07T08%3A00%3A00.0000000Z'\"","PartitionKey":"bench|ip|192.0.2.1","RowKey":"~state","Timestamp":"2026-12-07T08:00:00.0000000Z","Count":3}""";

    private ILoggerFactory _loggers = null!;
    private IDisposable? _listening;
    private AzureSdkLogging.WarningForwarder? _warnings;
    private TableClient _table = null!;

    [Params("Verbose (AddAzureClients)", "Warning (the app)")]
    public string Listening { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (Listening.StartsWith("Verbose", StringComparison.Ordinal))
        {
            var forwarder = new AzureEventSourceLogForwarder(_loggers);
            forwarder.Start();
            _listening = forwarder;
        }
        else
        {
            _warnings = new AzureSdkLogging.WarningForwarder(_loggers);
            _warnings.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(new CannedTableHandler(Row))) };
        options.Retry.MaxRetries = 0;
        _table = new TableClient(new Uri("http://127.0.0.1:10002/devstoreaccount1"), "bench", new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])), options);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listening?.Dispose();
        _warnings?.Dispose();
        _loggers.Dispose();
    }

    /// <summary>One point read: request, signing, the logging policy's events, the JSON answer parsed.</summary>
    [Benchmark]
    public async Task<TableEntity?> SdkPointRead() =>
        (await _table.GetEntityIfExistsAsync<TableEntity>("bench|ip|192.0.2.1", "~state")).Value;
}
