using RiskFunctions.Domain.Enrichment.UserAgents;

namespace RiskFunctions.Domain.Tests.Enrichment.UserAgents;

internal static class UserAgentAssert
{
    /// <summary>Parses without the cache and compares every field, so a failure names the field that differs.</summary>
    public static void Parses(string userAgent, string? browser, string? browserVersion, string? os, string? osVersion, string? platform, bool isBot = false)
    {
        var info = new UserAgentParser(cacheSize: 0).Parse(userAgent);
        Assert.Equal(
            new UserAgentInfo(browser, browserVersion, os, osVersion, platform, isBot),
            info);
    }
}
