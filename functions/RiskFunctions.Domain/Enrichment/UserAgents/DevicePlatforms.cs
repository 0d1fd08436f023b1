namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>The normalized <c>device_platform</c> values.</summary>
public static class DevicePlatforms
{
    /// <summary>Windows, macOS, Linux and ChromeOS computers (and iPads in desktop-website mode).</summary>
    public const string Desktop = "desktop";

    /// <summary>Phones: iPhone/iPod, Android with <c>Mobile</c>, Windows Phone, KaiOS, Opera Mini, native Android HTTP stacks.</summary>
    public const string Mobile = "mobile";

    /// <summary>iPad (mobile-website mode), Android browsers without <c>Mobile</c>, Kindle Fire.</summary>
    public const string Tablet = "tablet";

    /// <summary>Smart TVs and streaming sticks (Tizen/webOS TVs, Android TV, Fire TV, Chromecast).</summary>
    public const string Tv = "tv";

    /// <summary>Game consoles (PlayStation, Xbox, Nintendo).</summary>
    public const string Console = "console";

    /// <summary>Crawlers, headless browsers, automation frameworks and HTTP libraries.</summary>
    public const string Bot = "bot";

    public static IReadOnlyList<string> All { get; } = [Desktop, Mobile, Tablet, Tv, Console, Bot];
}
