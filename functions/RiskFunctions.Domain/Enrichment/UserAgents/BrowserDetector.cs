namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>A browser found in a user agent.</summary>
internal readonly record struct BrowserMatch(string? Name, string? Version);

/// <summary>
/// Reads the browser from a user agent. Nearly every browser also claims to be Mozilla, Safari and
/// (when Chromium-based) Chrome, so the most specific token decides: in-app browsers first, then
/// Chromium derivatives, then the engines' own browsers. Brave deliberately sends Chrome's exact user
/// agent and is therefore reported as Chrome.
/// </summary>
internal static class BrowserDetector
{
    // Checked in order; the first token present decides the name and where its major version is read.
    private static readonly (string Token, string Name, string VersionToken)[] TokenRules =
    [
        ("FBAV/", BrowserNames.Facebook, "FBAV/"),
        ("FBAN/", BrowserNames.Facebook, "FBAV/"),
        ("FB_IAB/", BrowserNames.Facebook, "FBAV/"),
        ("Instagram ", BrowserNames.Instagram, "Instagram "),
        ("MicroMessenger/", BrowserNames.WeChat, "MicroMessenger/"),
        ("musical_ly", BrowserNames.TikTok, "app_version/"),
        ("BytedanceWebview", BrowserNames.TikTok, "app_version/"),
        ("Snapchat/", BrowserNames.Snapchat, "Snapchat/"),
        (" Line/", BrowserNames.Line, " Line/"),
        ("LinkedInApp", BrowserNames.LinkedIn, "LinkedInApp/"),
        ("GSA/", BrowserNames.GoogleApp, "GSA/"),
        ("EdgA/", BrowserNames.Edge, "EdgA/"),
        ("EdgiOS/", BrowserNames.Edge, "EdgiOS/"),
        ("Edg/", BrowserNames.Edge, "Edg/"),
        ("Edge/", BrowserNames.Edge, "Edge/"),
        ("Opera Mini/", BrowserNames.OperaMini, "Opera Mini/"),
        ("OPR/", BrowserNames.Opera, "OPR/"),
        ("OPT/", BrowserNames.Opera, "OPT/"),
        ("OPiOS/", BrowserNames.Opera, "OPiOS/"),
        ("SamsungBrowser/", BrowserNames.SamsungInternet, "SamsungBrowser/"),
        ("YaBrowser/", BrowserNames.Yandex, "YaBrowser/"),
        ("YaSearchBrowser/", BrowserNames.Yandex, "YaSearchBrowser/"),
        ("UCBrowser/", BrowserNames.UCBrowser, "UCBrowser/"),
        ("UCWEB", BrowserNames.UCBrowser, "UCBrowser/"),
        ("Vivaldi/", BrowserNames.Vivaldi, "Vivaldi/"),
        ("Whale/", BrowserNames.Whale, "Whale/"),
        ("coc_coc_browser/", BrowserNames.CocCoc, "coc_coc_browser/"),
        ("MiuiBrowser/", BrowserNames.MiuiBrowser, "MiuiBrowser/"),
        ("HuaweiBrowser/", BrowserNames.HuaweiBrowser, "HuaweiBrowser/"),
        ("MQQBrowser/", BrowserNames.QQBrowser, "MQQBrowser/"),
        ("QQBrowser/", BrowserNames.QQBrowser, "QQBrowser/"),
        ("DuckDuckGo/", BrowserNames.DuckDuckGo, "DuckDuckGo/"),
        ("Ddg/", BrowserNames.DuckDuckGo, "Ddg/"),
        ("Silk/", BrowserNames.Silk, "Silk/"),
        ("Electron/", BrowserNames.Electron, "Electron/"),
        ("FxiOS/", BrowserNames.Firefox, "FxiOS/"),
        ("CriOS/", BrowserNames.Chrome, "CriOS/"),
        ("Firefox/", BrowserNames.Firefox, "Firefox/"),
    ];

    public static BrowserMatch Detect(ReadOnlySpan<char> ua, string? osName)
    {
        foreach (var (token, name, versionToken) in TokenRules)
        {
            if (UserAgentText.Has(ua, token))
            {
                return new(name, UserAgentText.MajorAfter(ua, versionToken));
            }
        }

        if (ua.StartsWith("Opera/", StringComparison.Ordinal))
        {
            // Presto-era Opera: "Opera/9.80 (...) Presto/2.12.388 Version/12.18".
            return new(BrowserNames.Opera, UserAgentText.MajorAfter(ua, "Version/") ?? UserAgentText.MajorAfter(ua, "Opera/"));
        }

        if (UserAgentText.Has(ua, "Trident/") || UserAgentText.Has(ua, "MSIE "))
        {
            // IE 11 dropped "MSIE" and states its version as "rv:11.0".
            return new(BrowserNames.InternetExplorer, UserAgentText.MajorAfter(ua, "MSIE ") ?? UserAgentText.MajorAfter(ua, "rv:"));
        }

        return DetectByEngine(ua, osName);
    }

    private static BrowserMatch DetectByEngine(ReadOnlySpan<char> ua, string? osName)
    {
        var isAndroid = osName is OsNames.Android or OsNames.HarmonyOS;
        if (UserAgentText.Has(ua, "Chrome/"))
        {
            // The system WebView marks itself with "; wv)" (Android 5+) or "Version/4.0 Chrome/" (Android 4.4).
            if (isAndroid && (UserAgentText.Has(ua, "; wv)") || UserAgentText.Has(ua, "Version/")))
            {
                return new(BrowserNames.AndroidWebView, UserAgentText.MajorAfter(ua, "Chrome/"));
            }

            return UserAgentText.Has(ua, "Chromium/")
                ? new(BrowserNames.Chromium, UserAgentText.MajorAfter(ua, "Chromium/"))
                : new(BrowserNames.Chrome, UserAgentText.MajorAfter(ua, "Chrome/"));
        }

        var hasVersion = UserAgentText.Has(ua, "Version/");
        var hasSafari = UserAgentText.Has(ua, "Safari/");
        if (osName == OsNames.Ios)
        {
            // Every iOS browser is WebKit; without Safari's own "Version/ ... Safari/" it is an app's WKWebView.
            return hasVersion && hasSafari
                ? new(BrowserNames.Safari, UserAgentText.MajorAfter(ua, "Version/"))
                : new(BrowserNames.IosWebView, null);
        }

        if (hasVersion && hasSafari)
        {
            return isAndroid
                ? new(BrowserNames.AndroidBrowser, UserAgentText.MajorAfter(ua, "Version/"))
                : new(BrowserNames.Safari, UserAgentText.MajorAfter(ua, "Version/"));
        }

        return default;
    }
}
