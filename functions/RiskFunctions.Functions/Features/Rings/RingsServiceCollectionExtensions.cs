using Microsoft.Extensions.DependencyInjection.Extensions;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Activity;
using RiskFunctions.Storage.Campaigns;
using RiskFunctions.Storage.FraudRings;

namespace RiskFunctions.Functions.Features.Rings;

public static class RingsServiceCollectionExtensions
{
    /// <summary>Registers ring and campaign maintenance, the active-campaign view and their storage (options section <c>Rings</c>).</summary>
    public static IServiceCollection AddRings(this IServiceCollection services)
    {
        services.AddOptions<RingsOptions>().BindConfiguration(RingsOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ActivityFeed>();
        services.TryAddSingleton<RingGraph>();
        services.TryAddSingleton<FraudRingRepository>();
        services.TryAddSingleton<CampaignRepository>();
        services.TryAddSingleton<ActionCampaignMarker>();
        services.TryAddSingleton<IThreatTracker, ActiveCampaignTracker>();
        services.TryAddSingleton<RingMaintenance>();
        services.TryAddSingleton<CampaignMaintenance>();
        services.TryAddSingleton<RingCampaignMaintenance>();
        return services;
    }
}
