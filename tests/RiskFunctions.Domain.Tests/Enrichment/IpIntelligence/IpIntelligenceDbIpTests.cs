using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Domain.Tests.Enrichment.IpIntelligence;

public sealed class IpIntelligenceDbIpTests
{
    private static readonly IpIntelligenceDatabase Database = Load();

    [Theory]
    [InlineData("1.0.0.0", "AU")]
    [InlineData("1.0.0.255", "AU")]
    [InlineData("1.0.1.0", "CN")]
    [InlineData("1.0.3.255", "CN")]
    [InlineData("203.0.113.9", "NZ")]
    [InlineData("2a00:1450:4001:81c::200e", "IE")]
    [InlineData("::ffff:1.0.2.3", "CN")]
    public void Lookup_AddressInCountryRange_GivesCountry(string ip, string country) =>
        Assert.Equal(country, Database.Lookup(ip).Location?.CountryCode);

    [Theory]
    [InlineData("0.255.255.255")]
    [InlineData("1.0.4.0")]
    [InlineData("192.0.2.1")]
    [InlineData("2a00:1451::")]
    [InlineData("not an ip")]
    [InlineData("")]
    public void Lookup_AddressOutsideEveryRangeOrUnknownCountry_GivesNoLocation(string ip) =>
        Assert.Null(Database.Lookup(ip).Location);

    [Fact]
    public void Lookup_CityData_WinsOverCountryData()
    {
        var location = Database.Lookup("8.8.8.8").Location;
        Assert.Equal(new IpLocation("US", "California", "Mountain View", null, "37.4223", "-122.085"), location);
    }

    [Fact]
    public void Lookup_QuotedCityWithComma_IsReadWhole() =>
        Assert.Equal("London, City of", Database.Lookup("81.2.69.160").Location?.City);

    [Fact]
    public void Lookup_IPv6City_GivesCity()
    {
        Assert.Equal("Berlin", Database.Lookup("2001:db8::42").Location?.City);
        // Past the city range, the country range still answers.
        Assert.Equal(new IpLocation("DE"), Database.Lookup("2001:db8:1::1").Location);
    }

    [Fact]
    public void Lookup_AsnData_GivesContractStrings()
    {
        var system = Database.Lookup("8.8.4.4").AutonomousSystem;
        Assert.Null(system);
        system = Database.Lookup("8.8.8.8").AutonomousSystem;
        Assert.NotNull(system);
        Assert.Equal(("AS15169", "AS15169 Google LLC", "Google LLC", (string?)null), (system.Id, system.Name, system.Organization, system.OrganizationType));
    }

    [Fact]
    public void Lookup_WellKnownHostingAsn_IsTypedHosting()
    {
        var result = Database.Lookup("3.5.140.2");
        Assert.Equal("hosting", result.AutonomousSystem?.OrganizationType);
        Assert.True(result.IsHosting);
    }

    [Fact]
    public void Lookup_QuotedOrganization_UnescapesDoubledQuotes() =>
        Assert.Equal("AS64496 Example \"Quoted\" Net", Database.Lookup("2001:db8::1").AutonomousSystem?.Name);

    [Fact]
    public void Build_EqualValues_AreSharedInstances() =>
        Assert.Same(Database.Lookup("1.0.1.1").Location, Database.Lookup("1.0.2.1").Location);

    private static IpIntelligenceDatabase Load()
    {
        using var country = Fixture.Open("dbip-country-lite.csv");
        using var city = Fixture.Open("dbip-city-lite.csv");
        using var asn = Fixture.Open("dbip-asn-lite.csv");
        return new IpIntelligenceBuilder()
            .AddCountries(country, "dbip-country-lite.csv")
            .AddCities(city, "dbip-city-lite.csv", IpDataFormat.DbIp)
            .AddAutonomousSystems(asn, "dbip-asn-lite.csv")
            .Build();
    }
}
