using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RiskFunctions.Handler.Features.Labels.Dialects;
using RiskFunctions.Handler.Features.Labels.Propagation;
using RiskFunctions.Handler.Features.Labels.Transport;
using RiskFunctions.Handler.Hosting;
using RiskFunctions.Handler.Hosting.Invocations;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.FraudReports;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Storage.ServiceBus;

namespace RiskFunctions.Handler.Features.Labels;

/// <summary>Composition of the labels feature: intake, propagation, the outbox relay and the configured transport.</summary>
public static class LabelsServiceCollectionExtensions
{
    /// <summary>Configuration section of the Service Bus connection, shared with the host's trigger binding.</summary>
    public const string ServiceBusConnectionSection = FunctionCatalog.ServiceBusConnection;

    public static IServiceCollection AddLabels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LabelsOptions>().BindConfiguration(LabelsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRiskStorage();
        services.TryAddSingleton<ActionRepository>();
        services.TryAddSingleton<ActionIndexRepository>();
        services.TryAddSingleton<ReputationRepository>();
        services.AddSingleton<LabelRepository>();
        services.AddSingleton<ActionLabelMarker>();
        services.AddSingleton<SubjectLabelRegistry>();
        services.AddScoped<LabelIntake>();
        services.TryAddSingleton<FraudReportRepository>();
        services.AddScoped<LithicFraudReports>();
        services.AddScoped<IPendingLabelSource>(provider => provider.GetRequiredService<LithicFraudReports>());
        services.AddScoped<LabelPropagator>();
        services.AddScoped<LabelPropagationRunner>();
        services.AddScoped<LabelOutboxRelay>();
        services.AddInvocationHandler<LabelPropagationFunction>(FunctionCatalog.LabelPropagation);
        services.AddInvocationHandler<LabelOutboxRelayFunction>(FunctionCatalog.LabelOutboxRelay);

        var transport = configuration.GetSection(LabelsOptions.SectionName).GetValue(nameof(LabelsOptions.Transport), LabelTransportKind.InProcess);
        if (transport == LabelTransportKind.ServiceBus)
        {
            // Read and checked now, so a misconfigured transport stops start-up instead of failing label requests.
            var (senderOptions, queue) = ReadServiceBusSettings(configuration);
            services.AddSingleton(provider => new ServiceBusQueueSender(senderOptions, queue, provider.GetRequiredService<TimeProvider>()));
            services.AddSingleton<ILabelPropagationQueue, ServiceBusLabelPropagationQueue>();
        }
        else
        {
            services.AddSingleton<InProcessLabelPropagationQueue>();
            services.AddSingleton<ILabelPropagationQueue>(provider => provider.GetRequiredService<InProcessLabelPropagationQueue>());
            services.AddHostedService(provider => provider.GetRequiredService<InProcessLabelPropagationQueue>());
        }

        return services;
    }

    /// <summary>
    /// The sender reads the same settings as the host's trigger: <c>ServiceBusConnection</c> as a SAS connection
    /// string, or <c>ServiceBusConnection__fullyQualifiedNamespace</c> (+ <c>__clientId</c>) for a managed identity;
    /// the queue name from <c>LabelPropagationQueue</c>.
    /// </summary>
    private static (ServiceBusSenderOptions Options, string Queue) ReadServiceBusSettings(IConfiguration configuration)
    {
        var section = configuration.GetSection(ServiceBusConnectionSection);
        var options = new ServiceBusSenderOptions
        {
            ConnectionString = section.Value,
            FullyQualifiedNamespace = string.IsNullOrWhiteSpace(section.Value) ? section["fullyQualifiedNamespace"] : null,
            ClientId = section["clientId"],
        };
        var queue = configuration[FunctionCatalog.LabelPropagationQueueSetting];
        var errors = options.Validate(ServiceBusConnectionSection).ToList();
        if (string.IsNullOrWhiteSpace(queue))
        {
            errors.Add($"{FunctionCatalog.LabelPropagationQueueSetting}: is required when Labels:Transport is ServiceBus");
        }

        return errors.Count == 0
            ? (options, queue!)
            : throw new OptionsValidationException(ServiceBusConnectionSection, typeof(ServiceBusSenderOptions), errors);
    }
}
