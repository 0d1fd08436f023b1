using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Tests.Validation;

public sealed class IsoCodesTests
{
    [Fact]
    public void Assigned_CountryCodes_AreThe249OfIso3166()
    {
        Assert.Equal(249, IsoCountryCodes.Assigned.Count);
        Assert.All(IsoCountryCodes.Assigned, code => Assert.Matches("^[A-Z]{2}$", code));
    }

    [Theory]
    [InlineData("US", true)]
    [InlineData("GB", true)]
    [InlineData("SS", true)]
    [InlineData("XK", true)]
    [InlineData("UK", false)]
    [InlineData("EU", false)]
    [InlineData("us", false)]
    [InlineData("USA", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_Country_AcceptsAssignedUpperCaseCodesAndKosovo(string? code, bool valid)
    {
        Assert.Equal(valid, IsoCountryCodes.IsValid(code));
    }

    [Theory]
    [InlineData("USD", true)]
    [InlineData("EUR", true)]
    [InlineData("JPY", true)]
    [InlineData("XCG", true)]
    [InlineData("usd", false)]
    [InlineData("XXX", false)]
    [InlineData("XTS", false)]
    [InlineData("DEM", false)]
    [InlineData("US", false)]
    [InlineData(null, false)]
    public void IsValid_Currency_AcceptsActiveUpperCaseCodes(string? code, bool valid)
    {
        Assert.Equal(valid, IsoCurrencyCodes.IsValid(code));
    }

    [Fact]
    public void Active_CurrencyCodes_AreThreeUpperCaseLetters()
    {
        Assert.InRange(IsoCurrencyCodes.Active.Count, 170, 190);
        Assert.All(IsoCurrencyCodes.Active, code => Assert.Matches("^[A-Z]{3}$", code));
    }

    [Fact]
    public void CountryCode_Invalid_ExplainsTheExpectedForm()
    {
        var result = new ValidationResult();

        result.CountryCode("matcher.country_codes[0]", "uk");
        result.CurrencyCode("transaction_data.currency", "dollars");

        Assert.Equal(
            [
                "matcher.country_codes[0]: must be an ISO 3166-1 alpha-2 country code in upper case, e.g. US",
                "transaction_data.currency: must be an ISO 4217 currency code in upper case, e.g. USD",
            ],
            result.Messages);
    }
}
