using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RiskFunctions.Handler.Errors;
using RiskFunctions.Handler.Features.Actions;
using RiskFunctions.Handler.Features.Enrichment;
using RiskFunctions.Handler.Features.Import;
using RiskFunctions.Handler.Features.Labels;
using RiskFunctions.Handler.Features.Rules;
using RiskFunctions.Handler.Hosting;
using RiskFunctions.Handler.Hosting.Health;
using RiskFunctions.Handler.Security;
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
        services.TryAddSingleton<StorageOutageLogThrottle>();
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
