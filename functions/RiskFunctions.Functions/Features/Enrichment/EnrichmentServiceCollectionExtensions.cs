using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Enrichment;
using RiskFunctions.Domain.Enrichment.UserAgents;

namespace RiskFunctions.Functions.Features.Enrichment;

public static class EnrichmentServiceCollectionExtensions
{
    /// <summary>
    /// Registers user-agent parsing and IP intelligence (<see cref="ActionEnricher"/>), with the IP data
    /// read from the files configured under <c>IpIntelligence</c> once, at start-up.
    /// </summary>
    public static IServiceCollection AddEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IpIntelligenceOptions>()
            .Bind(configuration.GetSection(IpIntelligenceOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IpIntelligenceOptions>, IpIntelligenceOptionsValidator>();
        services.AddSingleton<IpIntelligenceLoader>();
        services.AddSingleton(provider => provider.GetRequiredService<IpIntelligenceLoader>().Load());
        services.AddSingleton(_ => new UserAgentParser());
        services.AddSingleton<ActionEnricher>();
        services.AddHostedService<IpIntelligenceWarmup>();
        return services;
    }
}
