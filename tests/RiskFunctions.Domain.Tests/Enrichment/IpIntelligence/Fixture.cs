namespace RiskFunctions.Domain.Tests.Enrichment.IpIntelligence;

internal static class Fixture
{
    /// <summary>Opens a fixture file copied next to the test assembly.</summary>
    public static StreamReader Open(string name) =>
        File.OpenText(Path.Combine(AppContext.BaseDirectory, "Enrichment", "IpIntelligence", "Fixtures", name));
}
