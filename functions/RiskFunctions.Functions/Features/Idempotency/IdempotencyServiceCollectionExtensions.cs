using RiskFunctions.Functions.Hosting;
using RiskFunctions.Storage.Idempotency;

namespace RiskFunctions.Functions.Features.Idempotency;

public static class IdempotencyServiceCollectionExtensions
{
    /// <summary>Registers the idempotency-key store that <see cref="IdempotencyFilter"/> reads and writes.</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services)
    {
        services.AddRiskStorage();
        services.AddSingleton<IdempotencyStore>();
        return services;
    }
}
