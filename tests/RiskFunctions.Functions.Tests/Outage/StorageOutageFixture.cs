using System.Globalization;
using Microsoft.Extensions.Logging;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Logging;

namespace RiskFunctions.Functions.Tests.Outage;

/// <summary>
/// The function app on an Azurite of its own, persisted to a data directory so that it can be stopped and started
/// again under the running app, with the production-like short storage call budget and the host's (and so the
/// worker's) logs captured.
/// </summary>
public sealed class StorageOutageFixture : FunctionAppFixture
{
    private readonly DirectoryInfo _data;

    public StorageOutageFixture()
        : this(Directory.CreateTempSubdirectory("risk-outage-azurite-"))
    {
    }

    private StorageOutageFixture(DirectoryInfo data)
        : base(AzuriteFixture.Dedicated(new AzuriteServerOptions { DataDirectory = data.FullName }))
    {
        _data = data;
    }

    /// <summary>
    /// The longest one storage call may take, retries included: shorter than the 4 s default so an outage shows
    /// quickly, long enough for a loaded machine to serve the normal phases.
    /// </summary>
    public static TimeSpan CallTimeout { get; } = TimeSpan.FromSeconds(2);

    public CapturedLogs Logs { get; } = new();

    protected override void Configure(IDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Storage__CallTimeout"] = CallTimeout.ToString("c", CultureInfo.InvariantCulture);
    }

    protected override void ConfigureLogging(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddProvider(Logs);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Delete(recursive: true);
    }
}
