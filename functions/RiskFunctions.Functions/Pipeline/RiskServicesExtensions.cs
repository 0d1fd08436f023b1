using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Functions.Features.Enrichment;
using RiskFunctions.Functions.Features.Import;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Rules;
using RiskFunctions.Functions.Health;
using RiskFunctions.Functions.Hosting;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>Composes the features' services, the same ones whatever hosts the functions.</summary>
public static class RiskServicesExtensions
{
    public static FunctionsApplicationBuilder AddRiskServices(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutageLogThrottle>();
        services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.SectionName);
        services.AddApiErrors();
        services.AddHealth();
        services.AddEnrichment(configuration);
        services.AddRiskSecurity(configuration);
        services.AddLabels(configuration);
        services.AddRules();
        services.AddActions();
        services.AddImport();
        services.AddSingleton<FunctionDeclarations>();
        return builder;
    }
}
