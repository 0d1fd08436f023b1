using RiskFunctions.Domain.Enrichment.UserAgents;

namespace RiskFunctions.Domain.Tests.Enrichment.UserAgents;

public sealed class UserAgentParserOtherEngineTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0", "121", "Windows", "10", "desktop")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0", "121", "macOS", "10.15", "desktop")]
    [InlineData("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "121", "Linux", "x86_64", "desktop")]
    [InlineData("Mozilla/5.0 (X11; Linux aarch64; rv:109.0) Gecko/20100101 Firefox/115.0", "115", "Linux", "aarch64", "desktop")]
    [InlineData("Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0", "121", "Android", "14", "mobile")]
    [InlineData("Mozilla/5.0 (Android 13; Tablet; rv:120.0) Gecko/120.0 Firefox/120.0", "120", "Android", "13", "tablet")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15", "121", "iOS", "17.2", "mobile")]
    [InlineData("Mozilla/5.0 (X11; FreeBSD amd64; rv:109.0) Gecko/20100101 Firefox/115.0", "115", "FreeBSD", null, "desktop")]
    public void Parse_Firefox_ReportsFirefox(string ua, string version, string os, string? osVersion, string platform) =>
        UserAgentAssert.Parses(ua, "Firefox", version, os, osVersion, platform);

    [Theory]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15", "17", "macOS", "10.15.7", "desktop")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1", "17", "iOS", "17.1.2", "mobile")]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1", "16", "iOS", "16.6", "tablet")]
    [InlineData("Mozilla/5.0 (iPod touch; CPU iPhone OS 15_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.7 Mobile/15E148 Safari/604.1", "15", "iOS", "15.7", "mobile")]
    public void Parse_Safari_TakesVersionFromVersionToken(string ua, string version, string os, string osVersion, string platform) =>
        UserAgentAssert.Parses(ua, "Safari", version, os, osVersion, platform);

    [Fact]
    public void Parse_IpadInDesktopMode_IsReportedAsMacDesktop()
    {
        // iPadOS 13+ requests desktop sites with a Macintosh string identical to Safari on a Mac:
        // telling them apart needs navigator.maxTouchPoints, which a user agent does not carry.
        UserAgentAssert.Parses(
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Safari/605.1.15",
            "Safari", "16", "macOS", "10.15.7", "desktop");
    }

    [Theory]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/16.6;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]", "Facebook", null, "16.6")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone14,3; iOS 17_0; en_US; en; scale=3.00; 1284x2778; 531001632)", "Instagram", "307", "17.0")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/300.0.598994867 Mobile/15E148 Safari/604.1", "Google App", "300", "17.1")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/13.16.0", "LINE", "13", "16.0")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", "iOS WebView", null, "17.0")]
    public void Parse_IosInAppBrowser_ReportsTheApp(string ua, string browser, string? version, string osVersion) =>
        UserAgentAssert.Parses(ua, browser, version, "iOS", osVersion, "mobile");

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", "11", "10")]
    [InlineData("Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko", "11", "7")]
    [InlineData("Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0)", "10", "8")]
    [InlineData("Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)", "8", "XP")]
    [InlineData("Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.0)", "7", "Vista")]
    public void Parse_InternetExplorer_ReadsMsieOrRevision(string ua, string version, string windowsVersion) =>
        UserAgentAssert.Parses(ua, "Internet Explorer", version, "Windows", windowsVersion, "desktop");

    [Theory]
    [InlineData("Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Safari/605.1.15", "console")]
    [InlineData("Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.79 Safari/537.36 WebAppManager", "tv")]
    [InlineData("Mozilla/5.0 (Linux; Android 9; AFTKA) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.5414.117 Mobile Safari/537.36", "tv")]
    [InlineData("Mozilla/5.0 (X11; Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 CrKey/1.56.500000", "tv")]
    [InlineData("Mozilla/5.0 (Mobile; LYF/F300B/LYF-F300B-001-01-15-130718-i; Android; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5", "mobile")]
    public void Parse_NonComputerDevice_ReportsItsPlatform(string ua, string platform)
    {
        var info = new UserAgentParser(0).Parse(ua);
        Assert.Equal(platform, info.DevicePlatform);
        Assert.False(info.IsBot);
    }

    [Fact]
    public void Parse_NativeAndroidHttpStack_ReportsAndroidPhoneWithoutBrowser() =>
        UserAgentAssert.Parses("Dalvik/2.1.0 (Linux; U; Android 11; SM-G991B Build/RP1A.200720.012)", null, null, "Android", "11", "mobile");

    [Fact]
    public void Parse_HarmonyOs_ReportsHarmonyOs()
    {
        var info = new UserAgentParser(0).Parse(
            "Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00; HMSCore 6.11.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.2.311 Mobile Safari/537.36");
        Assert.Equal(("Huawei Browser", "14", "HarmonyOS", "mobile"), (info.BrowserName, info.BrowserVersion, info.OsName, info.DevicePlatform));
    }
}
