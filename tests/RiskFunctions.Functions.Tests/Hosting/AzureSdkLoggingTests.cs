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
    public async Task AddRiskStorage_ClientCreated_SdkLogsFromWarningUpAndFormatsNoRequestEvents()
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

        var azureCore = EventSource.GetSources().Single(source => source.Name == "Azure-Core");
        Assert.False(azureCore.IsEnabled(EventLevel.Informational, EventKeywords.All), "the SDK still formats an event for every request");
        Assert.True(azureCore.IsEnabled(EventLevel.Warning, EventKeywords.All));
        var logged = logs.Entries.Where(entry => entry.Category == "Azure.Core").ToList();
        Assert.Contains(logged, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("500", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, entry => entry.Level < LogLevel.Warning);
        await forwarder.StopAsync(CancellationToken.None);
    }

    private sealed class AnswersWith(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent("{}") });
    }
}
