using RiskFunctions.Domain.Rules.Values;

namespace RiskFunctions.Domain.Tests.Rules.Values;

public sealed class CountryCodesTests
{
    [Theory]
    [InlineData("US", "US")]
    [InlineData("us", "US")]
    [InlineData(" de ", "DE")]
    [InlineData("Gb", "GB")]
    [InlineData("XK", "XK")]
    [InlineData("ax", "AX")]
    public void TryNormalize_AssignedCode_ReturnsUpperCase(string text, string expected)
    {
        Assert.True(CountryCodes.TryNormalize(text, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("ZZ")]
    [InlineData("UK")]
    [InlineData("USA")]
    [InlineData("U")]
    [InlineData("")]
    [InlineData("1A")]
    [InlineData("ÜS")]
    [InlineData(null)]
    public void TryNormalize_UnassignedOrMalformed_Fails(string? text)
    {
        Assert.False(CountryCodes.TryNormalize(text, out _));
    }

    [Fact]
    public void All_HoldsTheAssignedCodesAndKosovo()
    {
        Assert.Equal(250, CountryCodes.All.Count);
        Assert.All(CountryCodes.All, c => Assert.Matches("^[A-Z]{2}$", c));
    }
}
