using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Values;

namespace RiskFunctions.Domain.Tests.Rules.Values;

public sealed class MatcherValuesTests
{
    [Fact]
    public void TryCreateMatcher_EmptyList_FailsForTheList()
    {
        Assert.False(MatcherValues.TryCreateMatcher(MatcherKind.UserIds, [], out var matcher, out var errors));

        Assert.Null(matcher);
        var error = Assert.Single(errors);
        Assert.Equal(-1, error.Index);
        Assert.Contains("at least one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreateMatcher_TooManyValues_FailsForTheList()
    {
        var values = Enumerable.Range(0, RuleLimits.MaxValuesPerMatcher + 1).Select(i => (string?)("user-" + i)).ToArray();

        Assert.False(MatcherValues.TryCreateMatcher(MatcherKind.UserIds, values, out _, out var errors));

        Assert.Equal(-1, Assert.Single(errors).Index);
    }

    [Fact]
    public void TryCreateMatcher_MaxValues_Succeeds()
    {
        var values = Enumerable.Range(0, RuleLimits.MaxValuesPerMatcher).Select(i => (string?)("user-" + i)).ToArray();

        Assert.True(MatcherValues.TryCreateMatcher(MatcherKind.UserIds, values, out var matcher, out _));
        Assert.Equal(RuleLimits.MaxValuesPerMatcher, matcher!.Values.Count);
    }

    [Fact]
    public void TryCreateMatcher_SeveralBadValues_ReportsEachByIndex()
    {
        Assert.False(MatcherValues.TryCreateMatcher(
            MatcherKind.IpCidrs, ["10.0.0.0/8", "10.0.0.0/33", "ok?", "::/129"], out _, out var errors));

        Assert.Equal([1, 2, 3], errors.Select(e => e.Index));
        Assert.Contains("'10.0.0.0/33'", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreateMatcher_Cidrs_NormalizedAndDeduplicated()
    {
        Assert.True(MatcherValues.TryCreateMatcher(
            MatcherKind.IpCidrs, ["10.1.2.3/8", "10.0.0.0/8", "2001:DB8::/32"], out var matcher, out _));

        Assert.Equal(["10.0.0.0/8", "2001:db8::/32"], matcher!.Values);
    }

    [Fact]
    public void TryCreateMatcher_BrowserNames_TrimmedAndDeduplicatedIgnoringCase()
    {
        Assert.True(MatcherValues.TryCreateMatcher(
            MatcherKind.BrowserNames, [" Chrome ", "chrome", "Yandex"], out var matcher, out _));

        Assert.Equal(["Chrome", "Yandex"], matcher!.Values);
    }

    [Fact]
    public void TryCreateMatcher_Identifiers_KeptExactly()
    {
        Assert.True(MatcherValues.TryCreateMatcher(
            MatcherKind.DeviceIds, ["Device-1", "device-1", " padded "], out var matcher, out _));

        Assert.Equal(["Device-1", "device-1", " padded "], matcher!.Values);
    }

    [Theory]
    [InlineData(MatcherKind.UserIds, "")]
    [InlineData(MatcherKind.UserIds, "   ")]
    [InlineData(MatcherKind.UserIds, "a\u0000b")]
    [InlineData(MatcherKind.DeviceIds, "line\nbreak")]
    [InlineData(MatcherKind.BrowserNames, "Chr\u0085ome")]
    [InlineData(MatcherKind.OsVersions, "")]
    [InlineData(MatcherKind.CountryCodes, "ZZ")]
    [InlineData(MatcherKind.IpCidrs, "10.0.0.0/33")]
    public void TryNormalize_InvalidValue_Fails(MatcherKind kind, string value)
    {
        Assert.False(MatcherValues.TryNormalize(kind, value, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryNormalize_UnpairedSurrogate_Fails()
    {
        var value = "fp-" + '\ud800';

        Assert.False(MatcherValues.TryNormalize(MatcherKind.DeviceFingerprints, value, out _, out var error));
        Assert.Contains("control characters", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("US", "US")]
    [InlineData("us", "US")]
    [InlineData(" de ", "DE")]
    [InlineData("xk", "XK")]
    public void TryNormalize_CountryCode_UpperCase(string value, string expected)
    {
        Assert.True(MatcherValues.TryNormalize(MatcherKind.CountryCodes, value, out var normalized, out _));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("UK")]
    [InlineData("USA")]
    [InlineData("1A")]
    [InlineData("ÜS")]
    public void TryNormalize_UnassignedCountryCode_Fails(string value)
    {
        Assert.False(MatcherValues.TryNormalize(MatcherKind.CountryCodes, value, out _, out var error));
        Assert.Contains("ISO 3166-1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_NullValue_FailsAsNotAString()
    {
        Assert.False(MatcherValues.TryNormalize(MatcherKind.UserIds, null, out _, out var error));
        Assert.Equal("must be a string", error);
    }

    [Theory]
    [InlineData(MatcherKind.UserIds, RuleLimits.MaxIdentifierLength)]
    [InlineData(MatcherKind.DevicePublicKeys, RuleLimits.MaxIdentifierLength)]
    [InlineData(MatcherKind.BrowserNames, RuleLimits.MaxLabelLength)]
    [InlineData(MatcherKind.OsVersions, RuleLimits.MaxLabelLength)]
    public void TryNormalize_LengthLimit_AcceptsLimitAndRejectsOneMore(MatcherKind kind, int limit)
    {
        Assert.True(MatcherValues.TryNormalize(kind, new string('a', limit), out _, out _));
        Assert.False(MatcherValues.TryNormalize(kind, new string('a', limit + 1), out _, out var error));
        Assert.Contains("at most", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_NonAsciiLetters_Accepted()
    {
        Assert.True(MatcherValues.TryNormalize(MatcherKind.UserIds, "jürgen😀", out var normalized, out _));
        Assert.Equal("jürgen😀", normalized);
    }
}
