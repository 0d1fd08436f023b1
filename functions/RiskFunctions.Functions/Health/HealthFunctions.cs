using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RiskFunctions.Functions.Pipeline;

namespace RiskFunctions.Functions.Health;

/// <summary>
/// <c>GET /health</c> (liveness: nothing is checked) and <c>GET /health/ready</c> (readiness: the checks tagged
/// <see cref="HealthApi.ReadyTag"/>, such as storage). 200 when healthy or degraded, 503 when unhealthy.
/// </summary>
public sealed class HealthFunctions(HealthCheckService health)
{
    [Function(nameof(Health))]
    [AllowAnonymous]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return HealthApi.ReportAsync(health, static _ => false, req.HttpContext);
    }

    [Function(nameof(HealthReady))]
    [AllowAnonymous]
    public Task<IResult> HealthReady([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return HealthApi.ReportAsync(health, static check => check.Tags.Contains(HealthApi.ReadyTag), req.HttpContext);
    }
}
