using RiskFunctions.Domain.Enrichment.UserAgents;

namespace RiskFunctions.Domain.Tests.Enrichment.UserAgents;

public sealed class UserAgentParserTests
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("asdf")]
    [InlineData("Mozilla/5.0")]
    [InlineData("\u0000\u0001\u0002")]
    public void Parse_MissingOrMeaninglessValue_ReturnsUnknown(string? ua) =>
        Assert.Same(UserAgentInfo.Unknown, new UserAgentParser().Parse(ua));

    [Fact]
    public void Parse_SameStringTwice_ReturnsCachedInstance()
    {
        var parser = new UserAgentParser();
        var first = parser.Parse(Chrome);
        var second = parser.Parse(new string(Chrome.AsSpan()));
        Assert.Same(first, second);
    }

    [Fact]
    public void Parse_CacheDisabled_StillParsesEveryTime()
    {
        var parser = new UserAgentParser(cacheSize: 0);
        var first = parser.Parse(Chrome);
        var second = parser.Parse(Chrome);
        Assert.Equal(first, second);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Parse_MoreDistinctStringsThanSlots_StaysCorrect()
    {
        var parser = new UserAgentParser(cacheSize: 4);
        for (var round = 0; round < 3; round++)
        {
            for (var version = 50; version < 150; version++)
            {
                var ua = $"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{version}.0.0.0 Safari/537.36";
                Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), parser.Parse(ua).BrowserVersion);
            }
        }
    }

    [Fact]
    public void Parse_ConcurrentCallers_AllSeeCorrectResults()
    {
        var parser = new UserAgentParser(cacheSize: 8);
        var agents = Enumerable.Range(60, 40)
            .Select(v => ($"Mozilla/5.0 (X11; Linux x86_64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0", v.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        Parallel.For(0, 20_000, i =>
        {
            var (ua, version) = agents[i % agents.Length];
            var info = parser.Parse(ua);
            Assert.Equal(("Firefox", version), (info.BrowserName, info.BrowserVersion));
        });
    }

    [Fact]
    public void Parse_HostileLongValue_ExaminesOnlyTheBoundedPrefix()
    {
        var hostile = Chrome + new string('A', 10_000) + " Googlebot/2.1";
        var info = new UserAgentParser().Parse(hostile);
        Assert.Equal(("Chrome", false), (info.BrowserName, info.IsBot));
    }

    [Fact]
    public void Parse_SurroundingWhitespace_IsIgnored() =>
        Assert.Equal(new UserAgentParser(0).Parse(Chrome), new UserAgentParser(0).Parse("  " + Chrome + "\t"));

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/0120.0.0.0 Safari/537.36", "0120")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99999999999999999999999999999999999999.0 Safari/537.36", "99999999999999999999999999999999")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/ Safari/537.36", null)]
    public void Parse_OddVersionNumbers_AreBoundedAndNeverThrow(string ua, string? expected) =>
        Assert.Equal(expected, new UserAgentParser(0).Parse(ua).BrowserVersion);

    [Fact]
    public void Parse_MajorVersion_SharesStringsForSmallNumbers()
    {
        var parser = new UserAgentParser(0);
        Assert.Same(parser.Parse(Chrome).BrowserVersion, parser.Parse(Chrome).BrowserVersion);
    }

    [Fact]
    public void NormalizedNames_AreDistinctIgnoringCase()
    {
        // Rules match names case-insensitively, so two names differing only by case would be one rule value.
        Assert.Equal(BrowserNames.All.Count, BrowserNames.All.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(OsNames.All.Count, OsNames.All.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(DevicePlatforms.All.Count, DevicePlatforms.All.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
