using Microsoft.Extensions.DependencyInjection.Extensions;
using RiskFunctions.Functions.Features.Idempotency;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Models;
using RiskFunctions.Functions.Features.Rings;
using RiskFunctions.Functions.Hosting;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Storage.Reputation;

namespace RiskFunctions.Functions.Features.Actions;

public static class ActionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the action endpoints' services: storage repositories, the scoring model with its options
    /// (<see cref="ScoringOptions"/>, section <c>Scoring</c>, validated at start-up), idempotency keys, the creation of
    /// the tables and the writer of the live results' population increments. Needs enrichment and rules to be registered as well.
    /// </summary>
    public static IServiceCollection AddActions(this IServiceCollection services)
    {
        services.AddRiskStorage();
        services.AddRings();
        services.AddIdempotency();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ScoringOptions>()
            .BindConfiguration(ScoringOptions.SectionName)
            .Validate(options => options.Validate().Count == 0, "Scoring: invalid model weights or score bands (see docs/SCORING.md)")
            .ValidateOnStart();
        services.AddModels();
        services.TryAddSingleton<ActionRepository>();
        services.TryAddSingleton<ActionIndexRepository>();
        services.TryAddSingleton<SubjectStateRepository>();
        services.TryAddSingleton<ActionHistoryReader>();
        services.TryAddSingleton<ProfileRepository>();
        services.TryAddSingleton<ProfileSnapshotCache>();
        services.TryAddSingleton<PopulationCache>();
        services.TryAddSingleton<PopulationRepository>();
        services.TryAddSingleton<ReputationRepository>();
        services.AddBoundActionLabels();
        services.AddSingleton<ActionAssessor>();
        services.AddSingleton<ActionRecorder>();
        services.AddSingleton<ActionResultRecorder>();
        services.AddHostedService<PopulationFlusher>();
        return services;
    }
}
