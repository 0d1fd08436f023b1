using RiskFunctions.Domain.Enrichment;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Enrichment.UserAgents;

namespace RiskFunctions.Domain.Tests.Enrichment;

public sealed class ActionEnricherTests
{
    private static readonly IpIntelligenceDatabase Data = new IpIntelligenceBuilder()
        .AddCities(new StringReader("160.221.187.0,160.221.187.255,NA,US,California,\"Los Angeles\",34.05,-118.24\n"), "city.csv")
        .AddAutonomousSystems(new StringReader("160.221.0.0,160.221.255.255,174,Cogent Communications\n"), "asn.csv")
        .AddRiskyNetset(new StringReader("160.221.187.219\n"), "risky.netset")
        .Build();

    [Fact]
    public void Enrich_SeedExample_FillsContextFields()
    {
        var enrichment = new ActionEnricher(new UserAgentParser(), Data).Enrich(
            "160.221.187.219",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/77.0.3865.90 Safari/537.36");

        Assert.Equal(
            ("Chrome", "77", "Linux", "x86_64", "desktop", false),
            (enrichment.BrowserName, enrichment.BrowserVersion, enrichment.OsName, enrichment.OsVersion, enrichment.DevicePlatform, enrichment.IsBot));
        Assert.Equal(
            ("US", "California", "Los Angeles", "34.05", "-118.24", (string?)null),
            (enrichment.IpCountry, enrichment.IpLocationRegion, enrichment.IpLocationCity, enrichment.IpLocationLatitude, enrichment.IpLocationLongitude, enrichment.IpLocationTimezone));
        Assert.Equal(
            ("AS174", "AS174 Cogent Communications", "Cogent Communications", (string?)null, true, false),
            (enrichment.IpAsnId, enrichment.IpAsnName, enrichment.IpOrganizationName, enrichment.IpOrganizationType, enrichment.IsRiskyIp, enrichment.IsHostingIp));
    }

    [Fact]
    public void Enrich_NothingReported_IsAllUnknown()
    {
        var enrichment = new ActionEnricher(new UserAgentParser(), Data).Enrich(null, null);
        Assert.Equal(new ActionEnrichment(UserAgentInfo.Unknown, IpIntelligenceResult.None), enrichment);
    }
}
