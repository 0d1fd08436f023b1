using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Errors;

namespace RiskFunctions.Functions.Security.RateLimiting;

/// <summary>
/// A token bucket per authenticated client (tenant + client id), sized by the tenant's limits; 429 with
/// <c>Retry-After</c> and the error body when it is empty. Unauthenticated requests are not counted here:
/// they stop at 401, and the token endpoint has its own limits.
/// </summary>
public static class ClientRateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits.Value));
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.OnRejected = OnRejectedAsync;
            });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var tenant = context.User.GetTenantId();
        var limit = limits.For(tenant);
        return RateLimitPartition.GetTokenBucketLimiter(tenant + "/" + context.User.GetClientId(), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = limit.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = RetryAfter.Seconds(rejected.Lease, TimeSpan.FromSeconds(1));
        context.RequestServices.GetRequiredService<SecurityMetrics>().RateLimited("client");
        RetryAfter.Set(context.Response, seconds);
        await ApiError.Create(StatusCodes.Status429TooManyRequests, [$"rate: too many requests for this client, retry after {seconds} s"])
            .ExecuteAsync(context);
    }
}
