namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>
/// The normalized <c>browser_name</c> values the parser produces. Rules match these case-insensitively
/// (<c>browser_names: ["yandex"]</c>). One name per browser family on every platform: the platform is
/// reported separately in <c>device_platform</c>. Crawlers, automation tools and HTTP libraries report
/// their own product name (see <see cref="BotNames"/>); an unknown crawler reports the product token
/// it sent (for example <c>FooBarBot</c>).
/// </summary>
public static class BrowserNames
{
    public const string Chrome = "Chrome";
    public const string Chromium = "Chromium";
    public const string Edge = "Edge";
    public const string Firefox = "Firefox";
    public const string Safari = "Safari";
    public const string Opera = "Opera";
    public const string OperaMini = "Opera Mini";
    public const string SamsungInternet = "Samsung Internet";
    public const string Yandex = "Yandex";
    public const string UCBrowser = "UC Browser";
    public const string Vivaldi = "Vivaldi";
    public const string Whale = "Whale";
    public const string CocCoc = "Coc Coc";
    public const string MiuiBrowser = "MIUI Browser";
    public const string HuaweiBrowser = "Huawei Browser";
    public const string QQBrowser = "QQ Browser";
    public const string DuckDuckGo = "DuckDuckGo";
    public const string Silk = "Silk";
    public const string Electron = "Electron";
    public const string InternetExplorer = "Internet Explorer";
    public const string AndroidBrowser = "Android Browser";

    /// <summary>Android's system WebView (<c>; wv)</c> or <c>Version/4.0 Chrome/</c>) inside a native app.</summary>
    public const string AndroidWebView = "Android WebView";

    /// <summary>WKWebView inside an iOS app that does not add its own token (no <c>Version/</c> or <c>Safari/</c>).</summary>
    public const string IosWebView = "iOS WebView";

    /// <summary>In-app browsers of social and messaging apps.</summary>
    public const string Facebook = "Facebook";
    public const string Instagram = "Instagram";
    public const string WeChat = "WeChat";
    public const string TikTok = "TikTok";
    public const string Snapchat = "Snapchat";
    public const string Line = "LINE";
    public const string LinkedIn = "LinkedIn";
    public const string GoogleApp = "Google App";

    /// <summary>Every browser name above, for documentation and validation of rule values.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Chrome, Chromium, Edge, Firefox, Safari, Opera, OperaMini, SamsungInternet, Yandex, UCBrowser, Vivaldi,
        Whale, CocCoc, MiuiBrowser, HuaweiBrowser, QQBrowser, DuckDuckGo, Silk, Electron, InternetExplorer,
        AndroidBrowser, AndroidWebView, IosWebView, Facebook, Instagram, WeChat, TikTok, Snapchat, Line, LinkedIn,
        GoogleApp,
    ];
}
