using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Scoring.Learning;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Functions.Hosting;
using RiskFunctions.Learning;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Models;

namespace RiskFunctions.Functions.Features.Models;

public static class ModelsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the tenants' learned models: the blob store (same account as the tables), each instance's hot-swapping
    /// provider, the scorer that uses them, training and its options (<see cref="LearningOptions"/>, section
    /// <c>Learning</c>, validated at start-up).
    /// </summary>
    public static IServiceCollection AddModels(this IServiceCollection services)
    {
        services.AddRiskStorage();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LearningOptions>()
            .BindConfiguration(LearningOptions.SectionName)
            .Validate(options => options.Validate().Count == 0, "Learning: invalid refresh interval, training cap, lock duration or training options (see docs/CONFIGURATION.md)")
            .ValidateOnStart();
        services.TryAddSingleton(provider => new TenantModelStore(
            ModelContainerFactory.Create(provider.GetRequiredService<IOptions<StorageOptions>>().Value)));
        services.TryAddSingleton(provider => new TenantModelProvider(
            provider.GetRequiredService<TenantModelStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<LearningOptions>>().Value.RefreshInterval));
        services.TryAddSingleton(provider => new TenantRiskScorer(provider.GetRequiredService<IOptions<ScoringOptions>>().Value.Model));
        services.TryAddSingleton(provider => new RiskModelTrainer(provider.GetRequiredService<IOptions<LearningOptions>>().Value.Training));
        services.TryAddSingleton<ActionRepository>();
        services.TryAddSingleton<LabelRepository>();
        services.TryAddSingleton<TenantModelTraining>();
        return services;
    }
}
