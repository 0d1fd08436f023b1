using Microsoft.Extensions.DependencyInjection.Extensions;
using RiskFunctions.Functions.Features.Labels.Dialects;
using RiskFunctions.Functions.Features.Labels.Propagation;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Functions.Hosting;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Campaigns;
using RiskFunctions.Storage.FraudReports;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Reputation;

namespace RiskFunctions.Functions.Features.Labels;

/// <summary>Composition of the labels feature: intake, propagation, the outbox relay and the configured transport.</summary>
public static class LabelsServiceCollectionExtensions
{
    public static IServiceCollection AddLabels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LabelsOptions>().BindConfiguration(LabelsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRiskStorage();
        services.TryAddSingleton<ReputationRepository>();
        services.TryAddSingleton<CampaignRepository>();
        services.AddSingleton<LabelRepository>();
        services.AddBoundActionLabels();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LabelSendFailureLog>();
        services.AddScoped<LabelIntake>();
        services.TryAddSingleton<FraudReportRepository>();
        services.AddScoped<LithicFraudReports>();
        services.AddScoped<IPendingLabelSource>(provider => provider.GetRequiredService<LithicFraudReports>());
        services.AddScoped<LabelPropagator>();
        services.AddScoped<ILabelPropagator>(provider => provider.GetRequiredService<LabelPropagator>());
        services.AddScoped<LabelPropagationRunner>();
        services.AddScoped<LabelOutboxRelay>();

        var transport = configuration.GetSection(LabelsOptions.SectionName).GetValue(nameof(LabelsOptions.Transport), LabelTransportKind.ServiceBus);
        if (transport == LabelTransportKind.LocalHost)
        {
            services.AddLocalHostLabelTransport(configuration);
        }
        else
        {
            services.AddServiceBusLabelTransport(configuration);
        }

        return services;
    }

    /// <summary>
    /// What writes a subject's newest label on its actions (<see cref="SubjectLabelWriter"/>), and
    /// <see cref="BoundActionLabels"/>, which the action results use too. Safe to call from both features.
    /// </summary>
    public static IServiceCollection AddBoundActionLabels(this IServiceCollection services)
    {
        services.AddRiskStorage();
        services.TryAddSingleton<ActionRepository>();
        services.TryAddSingleton<ActionIndexRepository>();
        services.TryAddSingleton<SubjectStateRepository>();
        services.TryAddSingleton<LinkedFraudSpreader>();
        services.TryAddSingleton<ActionLabelMarker>();
        services.TryAddSingleton<SubjectLabelRegistry>();
        services.TryAddSingleton<SubjectLabelWriter>();
        services.TryAddSingleton<BoundActionLabels>();
        return services;
    }
}
