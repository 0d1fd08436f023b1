using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;

namespace RiskFunctions.Functions.Hosting;

/// <summary>
/// The Azure SDK's own logs (its event sources: slow answers, credential failures, Service Bus connection trouble) in
/// the app's logs from Warning up, one line each. The SDK's event for an error answer is left out: the code that sent
/// the request decides what the answer means (a model blob not there yet is a 404 it expects; storage out is logged,
/// throttled, by the error middleware and the label runner), and the event spans many lines of headers.
/// <c>AddAzureClients</c> forwards them from Verbose up once it creates a client, which makes the SDK format every
/// request and answer, headers included, into an event that the log filters then drop: about 1.7 µs of CPU and 4.9 KB
/// of allocations per storage request (bench/results/storage-sdk.md).
/// </summary>
public static class AzureSdkLogging
{
    /// <summary>Registers the Warning-level forwarding in place of <c>AddAzureClients</c>' own; call before it. Safe to call twice.</summary>
    public static IServiceCollection AddAzureSdkWarnings(this IServiceCollection services)
    {
        // AddAzureClients registers its forwarder only when none is, and starts it whenever it creates a client.
        // This one was started and stopped at once, and a stopped forwarder stays stopped (AzureSdkLoggingTests
        // checks that the SDK's event sources end up at Warning).
        services.TryAddSingleton(_ =>
        {
            var stopped = new AzureEventSourceLogForwarder(NullLoggerFactory.Instance);
            stopped.Start();
            stopped.Dispose();
            return stopped;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WarningForwarder>());
        return services;
    }

    /// <summary>Listens to the SDK's event sources from Warning up and writes each event to a logger named after its source.</summary>
    internal sealed class WarningForwarder(ILoggerFactory loggerFactory) : IHostedService, IDisposable
    {
        private AzureEventSourceListener? _listener;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _listener ??= new AzureEventSourceListener(Forward, EventLevel.Warning);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => _listener?.Dispose();

        private void Forward(EventWrittenEventArgs eventData, string message)
        {
            if (eventData.EventName is "ErrorResponse" or "ErrorResponseContent")
            {
                return;
            }

            loggerFactory.CreateLogger(eventData.EventSource.Name.Replace('-', '.')).Log(
                eventData.Level switch
                {
                    EventLevel.Critical => LogLevel.Critical,
                    EventLevel.Error => LogLevel.Error,
                    EventLevel.Warning => LogLevel.Warning,
                    _ => LogLevel.Information,
                },
                new EventId(eventData.EventId, eventData.EventName),
                "{Message}",
                message.ReplaceLineEndings(" "));
        }
    }
}
