using RiskFunctions.Handler.Hosting;

namespace RiskFunctions.Handler.Features.Idempotency;

public static class IdempotencyEndpointExtensions
{
    /// <summary>
    /// Honors the <c>Idempotency-Key</c> header on this endpoint (see <see cref="IdempotencyFilter"/>). Keys are
    /// scoped to the caller's tenant and to <paramref name="operation"/>. Requires <c>AddIdempotency</c>.
    /// </summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder, string operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        return builder.AddEndpointFilter(new IdempotencyFilter(operation));
    }

    /// <summary>Registers the idempotency-key store.</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services)
    {
        services.AddRiskStorage();
        services.AddSingleton<Storage.Idempotency.IdempotencyStore>();
        return services;
    }
}
