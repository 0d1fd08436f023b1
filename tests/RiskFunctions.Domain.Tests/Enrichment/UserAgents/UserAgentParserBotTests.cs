using RiskFunctions.Domain.Enrichment.UserAgents;

namespace RiskFunctions.Domain.Tests.Enrichment.UserAgents;

public sealed class UserAgentParserBotTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot", "2")]
    [InlineData("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.129 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot", "2")]
    [InlineData("Googlebot-Image/1.0", "Googlebot", "1")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "Bingbot", "2")]
    [InlineData("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", "YandexBot", "3")]
    [InlineData("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", "Baiduspider", "2")]
    [InlineData("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "AhrefsBot", "7")]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)", "GPTBot", "1")]
    [InlineData("Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)", "Yahoo! Slurp", null)]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "facebookexternalhit", "1")]
    [InlineData("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Slackbot", null)]
    [InlineData("WhatsApp/2.23.20.0 A", "WhatsApp", "2")]
    [InlineData("Mozilla/5.0 (compatible; FooBarBot/1.3; +http://example.com/about)", "FooBarBot", "1")]
    [InlineData("Mozilla/5.0 (compatible; SiteAuditCrawler/4.2)", "SiteAuditCrawler", "4")]
    public void Parse_Crawler_IsBotWithoutBorrowedOs(string ua, string name, string? version) =>
        UserAgentAssert.Parses(ua, name, version, null, null, "bot", isBot: true);

    [Theory]
    [InlineData("curl/8.4.0", "curl", "8")]
    [InlineData("python-requests/2.31.0", "python-requests", "2")]
    [InlineData("Python-urllib/3.11", "Python-urllib", "3")]
    [InlineData("Python/3.11 aiohttp/3.9.1", "aiohttp", "3")]
    [InlineData("Go-http-client/1.1", "Go-http-client", "1")]
    [InlineData("Go-http-client/2.0", "Go-http-client", "2")]
    [InlineData("Wget/1.21.4", "Wget", "1")]
    [InlineData("Java/17.0.2", "Java", "17")]
    [InlineData("Apache-HttpClient/4.5.13 (Java/17.0.2)", "Apache-HttpClient", "4")]
    [InlineData("PostmanRuntime/7.36.0", "PostmanRuntime", "7")]
    [InlineData("axios/1.6.2", "axios", "1")]
    [InlineData("Scrapy/2.11.0 (+https://scrapy.org)", "Scrapy", "2")]
    [InlineData("libwww-perl/6.72", "libwww-perl", "6")]
    public void Parse_HttpLibrary_IsBot(string ua, string name, string version) =>
        UserAgentAssert.Parses(ua, name, version, null, null, "bot", isBot: true);

    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36", "Headless Chrome", "120", "Linux", "x86_64")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/119.0.0.0 Safari/537.36", "Headless Chrome", "119", "Windows", "10")]
    [InlineData("Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1", "PhantomJS", "2", "Linux", "x86_64")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Cypress/13.6.1 Chrome/114.0.5735.289 Electron/25.8.4 Safari/537.36", "Cypress", "13", "macOS", "10.15.7")]
    public void Parse_AutomatedBrowser_IsBotOnItsRealOs(string ua, string name, string version, string os, string? osVersion) =>
        UserAgentAssert.Parses(ua, name, version, os, osVersion, "bot", isBot: true);

    [Fact]
    public void Parse_Jsdom_IsBotWithNodePlatformIgnored() =>
        // jsdom writes Node's process.platform ("linux", "darwin", "win32"), not a browser platform comment.
        UserAgentAssert.Parses("Mozilla/5.0 (linux) AppleWebKit/537.36 (KHTML, like Gecko) jsdom/20.0.0", "jsdom", "20", null, null, "bot", isBot: true);

    [Theory]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1 +http://example.com/robots.txt")]
    [InlineData("Mozilla/5.0 (Linux; Android 10; CUBOT KINGKONG 5 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36")]
    public void Parse_WordsThatOnlyContainBot_AreNotBots(string ua)
    {
        var info = new UserAgentParser(0).Parse(ua);
        Assert.False(info.IsBot);
        Assert.NotEqual("bot", info.DevicePlatform);
    }
}
