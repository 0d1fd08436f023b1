using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Security.RateLimiting;

namespace RiskFunctions.Functions.Security.TokenEndpoint;

/// <summary>
/// The brakes on secret guessing: a token bucket of requests per source address and one per client id
/// (both spent before any work), and a cap on concurrent key derivations so a flood cannot take every core.
/// </summary>
public sealed class TokenEndpointLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _addresses;
    private readonly PartitionedRateLimiter<string> _clientRequests;
    private readonly ConcurrencyLimiter _derivations;

    public TokenEndpointLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value.TokenEndpoint;
        _addresses = PerMinute(limits.RequestsPerAddressPerMinute);
        _clientRequests = PerMinute(limits.RequestsPerClientPerMinute);
        _derivations = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Environment.ProcessorCount,
            QueueLimit = 64 * Environment.ProcessorCount,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Spends one request of the address's budget.</summary>
    public RateLimitLease AcquireAddress(string address) => _addresses.AttemptAcquire(address);

    /// <summary>Spends one request of the client id's budget (every attempt counts, so guessing is capped per client).</summary>
    public RateLimitLease AcquireClient(string clientId) => _clientRequests.AttemptAcquire(clientId);

    /// <summary>Waits for a key-derivation slot; a failed lease means the queue is full.</summary>
    public ValueTask<RateLimitLease> AcquireDerivationAsync(CancellationToken cancellationToken) => _derivations.AcquireAsync(1, cancellationToken);

    public void Dispose()
    {
        _addresses.Dispose();
        _clientRequests.Dispose();
        _derivations.Dispose();
    }

    private static PartitionedRateLimiter<string> PerMinute(int perMinute) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
