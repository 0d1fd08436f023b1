using Microsoft.Extensions.Diagnostics.HealthChecks;
using RiskFunctions.Functions.Json;

namespace RiskFunctions.Functions.Health;

/// <summary>
/// <c>GET /health</c> (liveness: the process serves requests, nothing else is checked) and
/// <c>GET /health/ready</c> (readiness: every check tagged <see cref="ReadyTag"/>, such as storage
/// reachability). 200 when healthy or degraded, 503 when unhealthy.
/// </summary>
public static class HealthApi
{
    /// <summary>Tag of the checks that decide readiness. Register them with this tag.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StorageReadinessCheck>("storage", tags: [ReadyTag]);
        return services;
    }

    internal static async Task<IResult> ReportAsync(HealthCheckService health, Func<HealthCheckRegistration, bool> predicate, HttpContext httpContext)
    {
        var report = await health.CheckHealthAsync(predicate, httpContext.RequestAborted);
        httpContext.Response.Headers.CacheControl = "no-store";
        var body = new HealthReportBody(
            report.Status.ToString(),
            report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status.ToString(), StringComparer.Ordinal));
        return TypedResults.Json(
            body,
            HandlerJsonContext.Default.HealthReportBody,
            statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
