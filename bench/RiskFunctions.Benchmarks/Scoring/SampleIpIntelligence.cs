using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Benchmarks.Scoring;

/// <summary>The app's sample IP-intelligence data (copied beside the benchmarks), as the benchmarks and replays load it.</summary>
internal static class SampleIpIntelligence
{
    public static IpIntelligenceDatabase Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "SampleData", "IpIntelligence");
        using var countries = File.OpenText(Path.Combine(folder, "sample-country.csv"));
        using var cities = File.OpenText(Path.Combine(folder, "sample-city.csv"));
        using var asns = File.OpenText(Path.Combine(folder, "sample-asn.csv"));
        using var risky = File.OpenText(Path.Combine(folder, "sample-risky.netset"));
        return new IpIntelligenceBuilder()
            .AddCountries(countries, "sample-country.csv")
            .AddCities(cities, "sample-city.csv")
            .AddAutonomousSystems(asns, "sample-asn.csv")
            .AddRiskyNetset(risky, "sample-risky.netset")
            .Build();
    }
}
