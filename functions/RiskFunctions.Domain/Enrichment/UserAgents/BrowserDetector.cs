using System.Buffers;
using System.Collections.Frozen;

namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>A browser found in a user agent.</summary>
internal readonly record struct BrowserMatch(string? Name, string? Version);

/// <summary>
/// Reads the browser from a user agent. Nearly every browser also claims to be Mozilla, Safari and
/// (when Chromium-based) Chrome, so the most specific product token decides: in-app browsers first, then
/// Chromium derivatives, then the engines' own browsers. Brave deliberately sends Chrome's exact user
/// agent and is therefore reported as Chrome.
/// </summary>
internal static class BrowserDetector
{
    // Product token → browser; a lower rank is more specific and wins. VersionToken names another token
    // that carries the version (Facebook's FBAN has none, FBAV has it).
    private static readonly FrozenDictionary<string, (int Rank, string Name, string? VersionToken)> ByToken =
        new (string Token, string Name, string? VersionToken)[]
        {
            ("FBAV", BrowserNames.Facebook, null),
            ("FBAN", BrowserNames.Facebook, "FBAV"),
            ("FB_IAB", BrowserNames.Facebook, "FBAV"),
            ("MicroMessenger", BrowserNames.WeChat, null),
            ("BytedanceWebview", BrowserNames.TikTok, "app_version"),
            ("Snapchat", BrowserNames.Snapchat, null),
            ("Line", BrowserNames.Line, null),
            ("LinkedInApp", BrowserNames.LinkedIn, null),
            ("GSA", BrowserNames.GoogleApp, null),
            ("EdgA", BrowserNames.Edge, null),
            ("EdgiOS", BrowserNames.Edge, null),
            ("Edg", BrowserNames.Edge, null),
            ("Edge", BrowserNames.Edge, null),
            ("OPR", BrowserNames.Opera, null),
            ("OPT", BrowserNames.Opera, null),
            ("OPiOS", BrowserNames.Opera, null),
            ("SamsungBrowser", BrowserNames.SamsungInternet, null),
            ("YaBrowser", BrowserNames.Yandex, null),
            ("YaSearchBrowser", BrowserNames.Yandex, null),
            ("UCBrowser", BrowserNames.UCBrowser, null),
            ("UCWEB", BrowserNames.UCBrowser, "UCBrowser"),
            ("Vivaldi", BrowserNames.Vivaldi, null),
            ("Whale", BrowserNames.Whale, null),
            ("coc_coc_browser", BrowserNames.CocCoc, null),
            ("MiuiBrowser", BrowserNames.MiuiBrowser, null),
            ("HuaweiBrowser", BrowserNames.HuaweiBrowser, null),
            ("MQQBrowser", BrowserNames.QQBrowser, null),
            ("QQBrowser", BrowserNames.QQBrowser, null),
            ("DuckDuckGo", BrowserNames.DuckDuckGo, null),
            ("Ddg", BrowserNames.DuckDuckGo, null),
            ("Silk", BrowserNames.Silk, null),
            ("Electron", BrowserNames.Electron, null),
            ("FxiOS", BrowserNames.Firefox, null),
            ("CriOS", BrowserNames.Chrome, null),
            ("Firefox", BrowserNames.Firefox, null),
        }
        .Select((rule, rank) => (rule.Token, Rule: (rank, rule.Name, rule.VersionToken)))
        .ToFrozenDictionary(x => x.Token, x => x.Rule, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, (int Rank, string Name, string? VersionToken)>.AlternateLookup<ReadOnlySpan<char>> ByTokenSpan =
        ByToken.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly SearchValues<string> UnslashedInApp = SearchValues.Create(["Instagram ", "musical_ly"], StringComparison.Ordinal);

    public static BrowserMatch Detect(ReadOnlySpan<char> ua, ReadOnlySpan<ProductToken> tokens, string? osName)
    {
        var best = -1;
        (int Rank, string Name, string? VersionToken) bestRule = default;
        var engine = new EngineTokens();
        for (var i = 0; i < tokens.Length; i++)
        {
            var name = tokens[i].Name(ua);
            if (ByTokenSpan.TryGetValue(name, out var rule) && (best < 0 || rule.Rank < bestRule.Rank))
            {
                best = i;
                bestRule = rule;
            }

            engine.Note(name, i);
        }

        // Tokens without a slash: Instagram writes "Instagram 307.0.0.34.111", TikTok "musical_ly_2022…".
        // Only Facebook's own tokens are more specific.
        if ((best < 0 || bestRule.Name != BrowserNames.Facebook) && ua.IndexOfAny(UnslashedInApp) >= 0)
        {
            var instagram = ua.IndexOf("Instagram ", StringComparison.Ordinal);
            if (instagram >= 0)
            {
                return new(BrowserNames.Instagram, UserAgentText.Major(ua[(instagram + 10)..]));
            }

            if (ua.Contains("musical_ly", StringComparison.Ordinal))
            {
                return new(BrowserNames.TikTok, VersionOf(ua, tokens, "app_version"));
            }
        }

        // "Opera Mini/36.2" is a product name with a space in it.
        var operaMini = best < 0 || bestRule.Name == BrowserNames.Opera ? ua.IndexOf("Opera Mini/", StringComparison.Ordinal) : -1;
        if (operaMini >= 0)
        {
            return new(BrowserNames.OperaMini, UserAgentText.Major(ua[(operaMini + 11)..]));
        }

        if (best >= 0)
        {
            var version = bestRule.VersionToken is null
                ? UserAgentText.Major(tokens[best].Version(ua))
                : VersionOf(ua, tokens, bestRule.VersionToken);
            return new(bestRule.Name, version);
        }

        return DetectByEngine(ua, tokens, engine, osName);
    }

    private static BrowserMatch DetectByEngine(ReadOnlySpan<char> ua, ReadOnlySpan<ProductToken> tokens, EngineTokens engine, string? osName)
    {
        if (ua.StartsWith("Opera/", StringComparison.Ordinal))
        {
            // Presto-era Opera: "Opera/9.80 (...) Presto/2.12.388 Version/12.18".
            return new(BrowserNames.Opera, engine.Version >= 0 ? Major(ua, tokens, engine.Version) : Major(ua, tokens, 0));
        }

        var msie = ua.IndexOf("MSIE ", StringComparison.Ordinal);
        if (msie >= 0)
        {
            return new(BrowserNames.InternetExplorer, UserAgentText.Major(ua[(msie + 5)..]));
        }

        if (engine.Trident >= 0)
        {
            // IE 11 dropped "MSIE" and states its version as "rv:11.0".
            return new(BrowserNames.InternetExplorer, UserAgentText.MajorAfter(ua, "rv:"));
        }

        var isAndroid = osName is OsNames.Android or OsNames.HarmonyOS;
        if (engine.Chrome >= 0)
        {
            // The system WebView marks itself with "; wv)" (Android 5+) or "Version/4.0 Chrome/" (Android 4.4).
            if (isAndroid && (engine.Version >= 0 || ua.Contains("; wv)", StringComparison.Ordinal)))
            {
                return new(BrowserNames.AndroidWebView, Major(ua, tokens, engine.Chrome));
            }

            return engine.Chromium >= 0
                ? new(BrowserNames.Chromium, Major(ua, tokens, engine.Chromium))
                : new(BrowserNames.Chrome, Major(ua, tokens, engine.Chrome));
        }

        var hasSafari = engine.Version >= 0 && engine.Safari >= 0;
        if (osName == OsNames.Ios)
        {
            // Every iOS browser is WebKit; without Safari's own "Version/ … Safari/" it is an app's WKWebView.
            return hasSafari ? new(BrowserNames.Safari, Major(ua, tokens, engine.Version)) : new(BrowserNames.IosWebView, null);
        }

        if (hasSafari)
        {
            return new(isAndroid ? BrowserNames.AndroidBrowser : BrowserNames.Safari, Major(ua, tokens, engine.Version));
        }

        return default;
    }

    private static string? Major(ReadOnlySpan<char> ua, ReadOnlySpan<ProductToken> tokens, int index) =>
        UserAgentText.Major(tokens[index].Version(ua));

    private static string? VersionOf(ReadOnlySpan<char> ua, ReadOnlySpan<ProductToken> tokens, string tokenName)
    {
        foreach (var token in tokens)
        {
            if (token.Name(ua).SequenceEqual(tokenName))
            {
                return UserAgentText.Major(token.Version(ua));
            }
        }

        return null;
    }

    /// <summary>Positions of the engine tokens the fallback rules look at (-1 when absent).</summary>
    private struct EngineTokens
    {
        public EngineTokens()
        {
        }

        public int Chrome { get; private set; } = -1;

        public int Chromium { get; private set; } = -1;

        public int Safari { get; private set; } = -1;

        public int Version { get; private set; } = -1;

        public int Trident { get; private set; } = -1;

        public void Note(ReadOnlySpan<char> name, int index)
        {
            switch (name)
            {
                case "Chrome" when Chrome < 0:
                    Chrome = index;
                    break;
                case "Chromium" when Chromium < 0:
                    Chromium = index;
                    break;
                case "Safari" when Safari < 0:
                    Safari = index;
                    break;
                case "Version" when Version < 0:
                    Version = index;
                    break;
                case "Trident" when Trident < 0:
                    Trident = index;
                    break;
                default:
                    break;
            }
        }
    }
}
