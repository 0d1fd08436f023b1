using System.Collections.Frozen;

namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>
/// The canonical <c>browser_name</c> of well-known crawlers, automation tools and HTTP libraries. A bot
/// that is not in this list but declares itself (a product token containing <c>bot</c>, <c>crawl</c>,
/// <c>spider</c>, ...) is reported under the product token it sent.
/// </summary>
public static class BotNames
{
    public const string Googlebot = "Googlebot";
    public const string Bingbot = "Bingbot";
    public const string HeadlessChrome = "Headless Chrome";
    public const string PhantomJS = "PhantomJS";
    public const string Curl = "curl";
    public const string PythonRequests = "python-requests";
    public const string GoHttpClient = "Go-http-client";

    /// <summary>Canonical spelling and kind per product token, looked up case-insensitively.</summary>
    internal static FrozenDictionary<string, (string Name, BotKind Kind)> Known { get; } = new Dictionary<string, (string, BotKind)>(StringComparer.OrdinalIgnoreCase)
    {
        ["Googlebot"] = (Googlebot, BotKind.Crawler),
        ["Googlebot-Image"] = (Googlebot, BotKind.Crawler),
        ["Googlebot-News"] = (Googlebot, BotKind.Crawler),
        ["Googlebot-Video"] = (Googlebot, BotKind.Crawler),
        ["AdsBot-Google"] = ("AdsBot-Google", BotKind.Crawler),
        ["AdsBot-Google-Mobile"] = ("AdsBot-Google", BotKind.Crawler),
        ["Mediapartners-Google"] = ("Mediapartners-Google", BotKind.Crawler),
        ["Google-InspectionTool"] = ("Google-InspectionTool", BotKind.Crawler),
        ["GoogleOther"] = ("GoogleOther", BotKind.Crawler),
        ["bingbot"] = (Bingbot, BotKind.Crawler),
        ["BingPreview"] = ("BingPreview", BotKind.Crawler),
        ["msnbot"] = ("msnbot", BotKind.Crawler),
        ["DuckDuckBot"] = ("DuckDuckBot", BotKind.Crawler),
        ["Baiduspider"] = ("Baiduspider", BotKind.Crawler),
        ["YandexBot"] = ("YandexBot", BotKind.Crawler),
        ["Applebot"] = ("Applebot", BotKind.Crawler),
        ["Slurp"] = ("Yahoo! Slurp", BotKind.Crawler),
        ["facebookexternalhit"] = ("facebookexternalhit", BotKind.Crawler),
        ["Facebot"] = ("Facebot", BotKind.Crawler),
        ["Twitterbot"] = ("Twitterbot", BotKind.Crawler),
        ["LinkedInBot"] = ("LinkedInBot", BotKind.Crawler),
        ["Slackbot"] = ("Slackbot", BotKind.Crawler),
        ["Slackbot-LinkExpanding"] = ("Slackbot", BotKind.Crawler),
        ["Discordbot"] = ("Discordbot", BotKind.Crawler),
        ["TelegramBot"] = ("TelegramBot", BotKind.Crawler),
        ["WhatsApp"] = ("WhatsApp", BotKind.Crawler),
        ["Pinterestbot"] = ("Pinterestbot", BotKind.Crawler),
        ["SemrushBot"] = ("SemrushBot", BotKind.Crawler),
        ["AhrefsBot"] = ("AhrefsBot", BotKind.Crawler),
        ["MJ12bot"] = ("MJ12bot", BotKind.Crawler),
        ["DotBot"] = ("DotBot", BotKind.Crawler),
        ["PetalBot"] = ("PetalBot", BotKind.Crawler),
        ["Bytespider"] = ("Bytespider", BotKind.Crawler),
        ["GPTBot"] = ("GPTBot", BotKind.Crawler),
        ["ChatGPT-User"] = ("ChatGPT-User", BotKind.Crawler),
        ["OAI-SearchBot"] = ("OAI-SearchBot", BotKind.Crawler),
        ["ClaudeBot"] = ("ClaudeBot", BotKind.Crawler),
        ["Claude-Web"] = ("Claude-Web", BotKind.Crawler),
        ["CCBot"] = ("CCBot", BotKind.Crawler),
        ["PerplexityBot"] = ("PerplexityBot", BotKind.Crawler),
        ["Amazonbot"] = ("Amazonbot", BotKind.Crawler),
        ["Exabot"] = ("Exabot", BotKind.Crawler),
        ["SeznamBot"] = ("SeznamBot", BotKind.Crawler),
        ["UptimeRobot"] = ("UptimeRobot", BotKind.Crawler),
        ["HeadlessChrome"] = (HeadlessChrome, BotKind.Automation),
        ["PhantomJS"] = (PhantomJS, BotKind.Automation),
        ["SlimerJS"] = ("SlimerJS", BotKind.Automation),
        ["jsdom"] = ("jsdom", BotKind.Automation),
        ["HtmlUnit"] = ("HtmlUnit", BotKind.Automation),
        ["Cypress"] = ("Cypress", BotKind.Automation),
        ["Chrome-Lighthouse"] = ("Lighthouse", BotKind.Automation),
        ["curl"] = (Curl, BotKind.Library),
        ["Wget"] = ("Wget", BotKind.Library),
        ["python-requests"] = (PythonRequests, BotKind.Library),
        ["Python-urllib"] = ("Python-urllib", BotKind.Library),
        ["python-httpx"] = ("python-httpx", BotKind.Library),
        ["aiohttp"] = ("aiohttp", BotKind.Library),
        ["Go-http-client"] = (GoHttpClient, BotKind.Library),
        ["Java"] = ("Java", BotKind.Library),
        ["Apache-HttpClient"] = ("Apache-HttpClient", BotKind.Library),
        ["libwww-perl"] = ("libwww-perl", BotKind.Library),
        ["node-fetch"] = ("node-fetch", BotKind.Library),
        ["axios"] = ("axios", BotKind.Library),
        ["undici"] = ("undici", BotKind.Library),
        ["PostmanRuntime"] = ("PostmanRuntime", BotKind.Library),
        ["insomnia"] = ("insomnia", BotKind.Library),
        ["HTTPie"] = ("HTTPie", BotKind.Library),
        ["GuzzleHttp"] = ("GuzzleHttp", BotKind.Library),
        ["Scrapy"] = ("Scrapy", BotKind.Library),
        ["Mechanize"] = ("Mechanize", BotKind.Library),
        ["zgrab"] = ("zgrab", BotKind.Library),
        ["masscan"] = ("masscan", BotKind.Library),
        ["sqlmap"] = ("sqlmap", BotKind.Library),
        ["Nikto"] = ("Nikto", BotKind.Library),
        ["HTTrack"] = ("HTTrack", BotKind.Library),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
