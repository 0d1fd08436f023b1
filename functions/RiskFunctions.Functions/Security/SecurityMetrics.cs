using System.Diagnostics.Metrics;

namespace RiskFunctions.Functions.Security;

/// <summary>
/// Counters an operator watches for attacks (and tests read to prove behaviour without timing):
/// key-derivation runs, token requests by outcome, rate-limit rejections, action-token blacklisting.
/// </summary>
public sealed class SecurityMetrics
{
    public const string MeterName = "RiskFunctions.Security";

    private readonly Counter<long> _secretDerivations;
    private readonly Counter<long> _tokenRequests;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _blacklisted;

    public SecurityMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _secretDerivations = meter.CreateCounter<long>("risk.security.secret_derivations", description: "Client secret key derivations (PBKDF2) run, for known and unknown clients alike.");
        _tokenRequests = meter.CreateCounter<long>("risk.security.token_requests", description: "Token endpoint requests by outcome.");
        _rateLimited = meter.CreateCounter<long>("risk.security.rate_limited", description: "Requests refused with 429 by limiter.");
        _blacklisted = meter.CreateCounter<long>("risk.security.action_token_blocks", description: "Clients put in cool-down (463) for repeated invalid action tokens.");
    }

    public void SecretDerived() => _secretDerivations.Add(1);

    public void TokenRequested(string outcome) => _tokenRequests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void RateLimited(string limiter) => _rateLimited.Add(1, new KeyValuePair<string, object?>("limiter", limiter));

    public void Blacklisted() => _blacklisted.Add(1);
}
