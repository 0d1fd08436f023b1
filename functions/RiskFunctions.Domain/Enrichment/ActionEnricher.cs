using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Enrichment.UserAgents;

namespace RiskFunctions.Domain.Enrichment;

/// <summary>
/// Derives browser, OS, platform, IP location, network and reputation facts for an action. One per
/// process (thread-safe); the IP data is whatever the edge loaded at start-up.
/// </summary>
public sealed class ActionEnricher
{
    private readonly UserAgentParser _userAgents;
    private readonly IpIntelligenceDatabase _ipIntelligence;

    public ActionEnricher(UserAgentParser userAgents, IpIntelligenceDatabase ipIntelligence)
    {
        _userAgents = userAgents;
        _ipIntelligence = ipIntelligence;
    }

    /// <summary>Enriches from the reported IP and user agent; either may be missing or malformed (that part stays unknown).</summary>
    public ActionEnrichment Enrich(string? ip, string? userAgent) =>
        new(_userAgents.Parse(userAgent), _ipIntelligence.Lookup(ip));
}
