using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Features.Labels.Propagation;
using RiskFunctions.Functions.Hosting;
using RiskFunctions.Storage.ServiceBus;

namespace RiskFunctions.Functions.Features.Labels.Transport;

/// <summary>The Service Bus transport: one <see cref="ServiceBusClient"/> and a sender for the propagation queue.</summary>
public static class ServiceBusTransportServiceCollectionExtensions
{
    /// <summary>Configuration section of the Service Bus connection, shared with the host's trigger binding.</summary>
    public const string ConnectionSection = LabelTriggerSettings.ServiceBusConnection;

    /// <summary>
    /// Short tries and few retries, for the outbox relay's sends: a label request stops waiting for its send after
    /// <see cref="LabelsOptions.SendTimeout"/> and leaves it to the relay.
    /// </summary>
    private static readonly ServiceBusRetryOptions Retry = new()
    {
        Mode = ServiceBusRetryMode.Exponential,
        MaxRetries = 2,
        Delay = TimeSpan.FromMilliseconds(200),
        TryTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>
    /// Reads the same settings as the host's trigger (<see cref="ServiceBusConnectionSettings"/>) and the queue
    /// name from <c>LabelPropagationQueue</c>. They are checked now, so a misconfigured transport stops start-up
    /// instead of failing label requests; nothing connects until the first send.
    /// </summary>
    /// <exception cref="OptionsValidationException">The connection or the queue name is missing or invalid.</exception>
    public static IServiceCollection AddServiceBusLabelTransport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConnectionSection);
        var settings = new ServiceBusConnectionSettings(section.Value, section["fullyQualifiedNamespace"], section["credential"], section["clientId"]);
        var queue = configuration[LabelTriggerSettings.Queue];
        var errors = settings.Validate(ConnectionSection).ToList();
        if (string.IsNullOrWhiteSpace(queue))
        {
            errors.Add($"{LabelTriggerSettings.Queue}: is required when Labels:Transport is ServiceBus");
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(ConnectionSection, typeof(ServiceBusConnectionSettings), errors);
        }

        // The client factory reads the section as the Functions host does: a string value is a connection string;
        // otherwise fullyQualifiedNamespace with the credential the section describes (credential, clientId),
        // the default credential chain when it names none.
        services.AddAzureSdkWarnings();
        services.AddAzureClients(clients => clients.AddServiceBusClient(section).ConfigureOptions(options => options.RetryOptions = Retry));
        services.AddSingleton(provider => provider.GetRequiredService<ServiceBusClient>().CreateSender(queue));
        services.AddSingleton<ILabelPropagationQueue, ServiceBusLabelPropagationQueue>();
        return services;
    }
}
