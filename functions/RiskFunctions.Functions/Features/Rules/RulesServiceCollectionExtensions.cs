using RiskFunctions.Functions.Features.Rules.Evaluation;
using RiskFunctions.Functions.Hosting;
using RiskFunctions.Storage.Rules;

namespace RiskFunctions.Functions.Features.Rules;

public static class RulesServiceCollectionExtensions
{
    /// <summary>
    /// Registers rule storage, the per-instance compiled rule cache, <see cref="IRuleEvaluator"/> for trigger time,
    /// and the background work that creates the tables and stores hit counts. Options: <see cref="RulesOptions"/>.
    /// </summary>
    public static IServiceCollection AddRules(this IServiceCollection services)
    {
        services.AddRiskStorage();
        services.AddOptions<RulesOptions>().BindConfiguration(RulesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RuleRepository>();
        services.AddSingleton<RuleHitStore>();
        services.AddSingleton<RuleSetCache>();
        services.AddSingleton<IRuleEvaluator, RuleEvaluator>();
        services.AddSingleton<RuleHitFlusher>();
        services.AddHostedService(provider => provider.GetRequiredService<RuleHitFlusher>());
        return services;
    }
}
