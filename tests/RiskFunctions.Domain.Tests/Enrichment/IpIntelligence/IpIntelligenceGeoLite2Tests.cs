using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Domain.Tests.Enrichment.IpIntelligence;

public sealed class IpIntelligenceGeoLite2Tests
{
    private static readonly IpIntelligenceDatabase Database = Load();

    [Fact]
    public void Lookup_CityBlock_CombinesLocationAndBlockFields() =>
        Assert.Equal(
            new IpLocation("US", "California", "Mountain View", "94043", "37.4223", "-122.0850", "America/Los_Angeles"),
            Database.Lookup("8.8.8.8").Location);

    [Fact]
    public void Lookup_IPv6CityBlock_GivesTimeZone() =>
        Assert.Equal("Europe/Berlin", Database.Lookup("2001:db8:0:1::5").Location?.TimeZone);

    [Fact]
    public void Lookup_CountryOnlyBlock_GivesCountry() =>
        Assert.Equal(new IpLocation("AU"), Database.Lookup("1.0.0.1").Location);

    [Fact]
    public void Lookup_BlockWithOnlyRegisteredCountry_UsesRegisteredCountry() =>
        Assert.Equal("US", Database.Lookup("9.9.9.9").Location?.CountryCode);

    [Fact]
    public void Lookup_BlockWithContinentOnly_GivesNoLocation() =>
        Assert.Null(Database.Lookup("10.1.2.3").Location);

    [Theory]
    [InlineData("1.0.0.1", "AS13335", "CLOUDFLARENET", null)]
    [InlineData("3.1.2.3", "AS16509", "AMAZON-02", "hosting")]
    [InlineData("2001:db8:ffff::1", "AS64496", "EXAMPLE-NET", null)]
    public void Lookup_AsnBlocks_GiveAutonomousSystem(string ip, string id, string organization, string? type)
    {
        var system = Database.Lookup(ip).AutonomousSystem;
        Assert.Equal((id, organization, type), (system?.Id, system?.Organization, system?.OrganizationType));
    }

    [Fact]
    public void AddCountries_BlocksBeforeLocations_NamesTheMissingLocationsFile()
    {
        using var blocks = Fixture.Open("GeoLite2-Country-Blocks-IPv4.csv");
        var error = Assert.Throws<IpDataFormatException>(() => new IpIntelligenceBuilder().AddCountries(blocks, "blocks.csv"));
        Assert.Equal("blocks.csv, line 2: geoname_id 2077456 is not in the GeoLite2 locations loaded (configure the matching Locations file).", error.Message);
        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public void AddAutonomousSystems_WrongGeoLite2File_NamesTheMissingColumn()
    {
        using var blocks = Fixture.Open("GeoLite2-Country-Blocks-IPv4.csv");
        var error = Assert.Throws<IpDataFormatException>(() => new IpIntelligenceBuilder().AddAutonomousSystems(blocks, "asn.csv"));
        Assert.Contains("'autonomous_system_number'", error.Message, StringComparison.Ordinal);
    }

    private static IpIntelligenceDatabase Load()
    {
        var builder = new IpIntelligenceBuilder();
        foreach (var name in new[] { "GeoLite2-Country-Locations-en.csv", "GeoLite2-City-Locations-en.csv" })
        {
            using var reader = Fixture.Open(name);
            builder.AddGeoLite2Locations(reader, name);
        }

        foreach (var name in new[] { "GeoLite2-Country-Blocks-IPv4.csv", "GeoLite2-Country-Blocks-IPv6.csv" })
        {
            using var reader = Fixture.Open(name);
            builder.AddCountries(reader, name);
        }

        foreach (var name in new[] { "GeoLite2-City-Blocks-IPv4.csv", "GeoLite2-City-Blocks-IPv6.csv" })
        {
            using var reader = Fixture.Open(name);
            builder.AddCities(reader, name, IpDataFormat.GeoLite2);
        }

        foreach (var name in new[] { "GeoLite2-ASN-Blocks-IPv4.csv", "GeoLite2-ASN-Blocks-IPv6.csv" })
        {
            using var reader = Fixture.Open(name);
            builder.AddAutonomousSystems(reader, name);
        }

        return builder.Build();
    }
}
