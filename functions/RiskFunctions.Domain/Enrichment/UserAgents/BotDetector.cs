using System.Collections.Frozen;

namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>A self-declared non-human client found in a user agent.</summary>
internal readonly record struct BotMatch(string Name, string? Version, BotKind Kind);

/// <summary>
/// Finds self-declared bots: the earliest marker in the string wins, and the product token around it
/// (<c>Googlebot/2.1</c>) names the bot. Markers are substrings, not patterns, so detection is a few
/// vectorized scans and no regular expression runs on the request path.
/// </summary>
internal static class BotDetector
{
    private const int MaxNameLength = 64;

    // Every marker is matched case-insensitively. The kind applies when the product token is not a known bot.
    private static readonly (string Marker, BotKind Kind)[] Markers =
    [
        ("bot", BotKind.Crawler),
        ("crawl", BotKind.Crawler),
        ("spider", BotKind.Crawler),
        ("slurp", BotKind.Crawler),
        ("facebookexternalhit", BotKind.Crawler),
        ("ia_archiver", BotKind.Crawler),
        ("mediapartners-google", BotKind.Crawler),
        ("google-inspectiontool", BotKind.Crawler),
        ("googleother", BotKind.Crawler),
        ("bingpreview", BotKind.Crawler),
        ("chatgpt-user", BotKind.Crawler),
        ("claude-web", BotKind.Crawler),
        ("whatsapp/", BotKind.Crawler),
        ("headless", BotKind.Automation),
        ("phantomjs", BotKind.Automation),
        ("slimerjs", BotKind.Automation),
        ("jsdom/", BotKind.Automation),
        ("htmlunit", BotKind.Automation),
        ("cypress/", BotKind.Automation),
        ("lighthouse", BotKind.Automation),
        ("selenium", BotKind.Automation),
        ("webdriver", BotKind.Automation),
        ("puppeteer", BotKind.Automation),
        ("playwright", BotKind.Automation),
        ("curl/", BotKind.Library),
        ("wget/", BotKind.Library),
        ("python-requests", BotKind.Library),
        ("python-urllib", BotKind.Library),
        ("python-httpx", BotKind.Library),
        ("aiohttp/", BotKind.Library),
        ("go-http-client", BotKind.Library),
        ("java/", BotKind.Library),
        ("apache-httpclient", BotKind.Library),
        ("libwww-perl", BotKind.Library),
        ("node-fetch", BotKind.Library),
        ("axios/", BotKind.Library),
        ("undici", BotKind.Library),
        ("postmanruntime", BotKind.Library),
        ("insomnia/", BotKind.Library),
        ("httpie/", BotKind.Library),
        ("guzzlehttp", BotKind.Library),
        ("scrapy", BotKind.Library),
        ("mechanize", BotKind.Library),
        ("httrack", BotKind.Library),
        ("zgrab", BotKind.Library),
        ("masscan", BotKind.Library),
        ("nmap", BotKind.Library),
        ("sqlmap", BotKind.Library),
        ("nikto", BotKind.Library),
    ];

    private static readonly FrozenDictionary<string, (string Name, BotKind Kind)>.AlternateLookup<ReadOnlySpan<char>> KnownByToken =
        BotNames.Known.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool TryDetect(ReadOnlySpan<char> ua, out BotMatch match)
    {
        var best = -1;
        var bestKind = BotKind.Crawler;
        foreach (var (marker, kind) in Markers)
        {
            var at = marker == "bot" ? IndexOfBotWord(ua) : ua.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (best < 0 || at < best))
            {
                best = at;
                bestKind = kind;
            }
        }

        if (best < 0)
        {
            match = default;
            return false;
        }

        var (start, end) = ProductToken(ua, best);
        var token = ua[start..end];
        var version = end < ua.Length && ua[end] == '/' ? UserAgentText.Major(ua[(end + 1)..]) : null;
        match = KnownByToken.TryGetValue(token, out var known)
            ? new BotMatch(known.Name, version, known.Kind)
            : new BotMatch(new string(token[..Math.Min(token.Length, MaxNameLength)]), version, bestKind);
        return true;
    }

    /// <summary>
    /// "bot" that ends a word (<c>Googlebot/</c>, <c>AhrefsBot;</c>, <c>Slackbot-</c>), skipping words that
    /// merely contain it: <c>robots</c> in a URL, or the CUBOT phone brand.
    /// </summary>
    private static int IndexOfBotWord(ReadOnlySpan<char> ua)
    {
        var offset = 0;
        while (offset < ua.Length)
        {
            var relative = ua[offset..].IndexOf("bot", StringComparison.OrdinalIgnoreCase);
            if (relative < 0)
            {
                return -1;
            }

            var at = offset + relative;
            var after = at + 3;
            var endsWord = after == ua.Length || !char.IsAsciiLetter(ua[after]);
            var isCubot = at >= 2 && ua.Slice(at - 2, 2).Equals("cu", StringComparison.OrdinalIgnoreCase);
            if (endsWord && !isCubot)
            {
                return at;
            }

            offset = after;
        }

        return -1;
    }

    /// <summary>The product name around <paramref name="at"/>: from the token's start up to its <c>/</c> or end.</summary>
    private static (int Start, int End) ProductToken(ReadOnlySpan<char> ua, int at)
    {
        var start = at;
        while (start > 0 && IsTokenChar(ua[start - 1]) && ua[start - 1] != '/')
        {
            start--;
        }

        var end = at;
        while (end < ua.Length && IsTokenChar(ua[end]) && ua[end] != '/')
        {
            end++;
        }

        return (start, end);
    }

    private static bool IsTokenChar(char c) => c is not (' ' or '(' or ')' or ';' or ',' or '[' or ']' or '+' or '"' or '\t');
}
