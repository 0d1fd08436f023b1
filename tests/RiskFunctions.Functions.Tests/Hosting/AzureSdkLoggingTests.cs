using System.Diagnostics.Tracing;
using System.Net;
using Azure;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RiskFunctions.Functions.Hosting;
using RiskFunctions.Testing.Logging;

namespace RiskFunctions.Functions.Tests.Hosting;

/// <summary>Alone: the event sources' levels are process-wide, and other tests' clients would change them meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AzureSdkEventSourcesCollection
{
    public const string Name = "azure sdk event sources";
}

[Collection(AzureSdkEventSourcesCollection.Name)]
public sealed class AzureSdkLoggingTests
{
    [Fact]
    public async Task AddRiskStorage_ClientCreated_SdkLogsWarningsOnOneLineAndFormatsNoRequestEvents()
    {
        var logs = new CapturedLogs();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = StorageServiceCollectionExtensions.DevelopmentConnectionString });
        builder.Logging.AddProvider(logs);
        builder.Services.AddRiskStorage();
        using var host = builder.Build();
        var forwarder = host.Services.GetServices<IHostedService>().OfType<AzureSdkLogging.WarningForwarder>().Single();
        await forwarder.StartAsync(CancellationToken.None);

        // Creating the client is when AddAzureClients starts its own forwarder, from Verbose up.
        host.Services.GetRequiredService<TableServiceClient>();
        var failing = new TableClient(
            new Uri("http://127.0.0.1:1/devstoreaccount1"),
            "t",
            new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])),
            new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(new AnswersWith(HttpStatusCode.InternalServerError))), Retry = { MaxRetries = 0 } });
        await Assert.ThrowsAsync<RequestFailedException>(() => failing.GetEntityIfExistsAsync<TableEntity>("p", "r"));
        TestAzureSource.Log.Slow("first line\nsecond line");
        TestAzureSource.Log.Chatty("every request");

        var azureCore = EventSource.GetSources().Single(source => source.Name == "Azure-Core");
        Assert.False(azureCore.IsEnabled(EventLevel.Informational, EventKeywords.All), "the SDK still formats an event for every request");
        Assert.True(azureCore.IsEnabled(EventLevel.Warning, EventKeywords.All));
        var logged = logs.Entries.Where(entry => entry.Category.StartsWith("Azure.", StringComparison.Ordinal)).ToList();

        // The 500's error-answer event is its caller's to log; the warning of another source arrives, on one line.
        var warning = Assert.Single(logged);
        Assert.Equal(("Azure.RiskFunctionsTests", LogLevel.Warning), (warning.Category, warning.Level));
        Assert.Contains("first line second line", warning.Message, StringComparison.Ordinal);
        await forwarder.StopAsync(CancellationToken.None);
    }

    private sealed class AnswersWith(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent("{}") });
    }

    /// <summary>An event source the SDK's listeners take for one of the SDK's (the trait they look for).</summary>
    [EventSource(Name = "Azure-RiskFunctionsTests")]
    private sealed class TestAzureSource : EventSource
    {
        public static readonly TestAzureSource Log = new();

        private TestAzureSource()
            : base(EventSourceSettings.Default, "AzureEventSource", "true")
        {
        }

        [Event(1, Level = EventLevel.Warning, Message = "{0}")]
        public void Slow(string what) => WriteEvent(1, what);

        [Event(2, Level = EventLevel.Informational, Message = "{0}")]
        public void Chatty(string what) => WriteEvent(2, what);
    }
}
