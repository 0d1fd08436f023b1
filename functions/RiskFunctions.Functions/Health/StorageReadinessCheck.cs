using Microsoft.Extensions.Diagnostics.HealthChecks;
using RiskFunctions.Storage;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Health;

/// <summary>
/// Readiness: the table service answers one cheap call (list at most one table) within
/// <see cref="Timeout"/>. When no feature uses storage there is nothing to check.
/// </summary>
internal sealed class StorageReadinessCheck(IServiceProvider services) : IHealthCheck
{
    /// <summary>A probe must answer quickly; the client's retries stop at this bound.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<RiskTables>() is not { } tables)
        {
            return HealthCheckResult.Healthy("no table storage in use");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await foreach (var _ in tables.Service.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or HttpRequestException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            // The health check service logs the result at every probe: one line with the cause, no stack trace (an
            // outage is not a fault of the code). The probe's answer stays terse.
            return HealthCheckResult.Unhealthy($"table storage unreachable ({OutageLogThrottle.Describe(exception)})");
        }
    }
}
