using System.Buffers;
using System.Collections.Frozen;

namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>A self-declared non-human client found in a user agent.</summary>
internal readonly record struct BotMatch(string Name, string? Version, BotKind Kind);

/// <summary>
/// Finds self-declared bots. Candidates are product tokens of known bots (<c>curl/8.4.0</c>) and words
/// that declare automation anywhere in the string (<c>…bot</c>, <c>crawl</c>, <c>spider</c>,
/// <c>headless</c>, ...); the earliest candidate wins and the product token around it names the bot.
/// </summary>
internal static class BotDetector
{
    private const int MaxNameLength = 64;

    // Words matched case-insensitively anywhere; the kind applies when the surrounding token is not a known bot.
    private static readonly (string Marker, BotKind Kind)[] Markers =
    [
        ("bot", BotKind.Crawler),
        ("crawl", BotKind.Crawler),
        ("spider", BotKind.Crawler),
        ("slurp", BotKind.Crawler),
        ("ia_archiver", BotKind.Crawler),
        ("mediapartners-google", BotKind.Crawler),
        ("googleother", BotKind.Crawler),
        ("headless", BotKind.Automation),
        ("lighthouse", BotKind.Automation),
        ("selenium", BotKind.Automation),
        ("webdriver", BotKind.Automation),
        ("puppeteer", BotKind.Automation),
        ("playwright", BotKind.Automation),
        ("httrack", BotKind.Library),
        ("nmap", BotKind.Library),
    ];

    // One vectorized pass finds the earliest of all markers.
    private static readonly SearchValues<string> MarkerSearch =
        SearchValues.Create([.. Markers.Select(m => m.Marker)], StringComparison.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, (string Name, BotKind Kind)>.AlternateLookup<ReadOnlySpan<char>> KnownByToken =
        BotNames.Known.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool TryDetect(ReadOnlySpan<char> ua, ReadOnlySpan<ProductToken> tokens, out BotMatch match)
    {
        var best = -1;
        var bestKind = BotKind.Crawler;
        foreach (var token in tokens)
        {
            if (KnownByToken.ContainsKey(token.Name(ua)))
            {
                best = token.NameStart;
                break;
            }
        }

        var marker = EarliestMarker(best < 0 ? ua : ua[..best], out var markerKind);
        if (marker >= 0)
        {
            best = marker;
            bestKind = markerKind;
        }

        if (best < 0)
        {
            match = default;
            return false;
        }

        var (start, end) = ProductTokenAround(ua, best);
        var name = ua[start..end];
        var version = end < ua.Length && ua[end] == '/' ? UserAgentText.Major(ua[(end + 1)..]) : null;
        match = KnownByToken.TryGetValue(name, out var known)
            ? new BotMatch(known.Name, version, known.Kind)
            : new BotMatch(new string(name[..Math.Min(name.Length, MaxNameLength)]), version, bestKind);
        return true;
    }

    /// <summary>The position of the earliest marker, or -1.</summary>
    private static int EarliestMarker(ReadOnlySpan<char> ua, out BotKind kind)
    {
        var offset = 0;
        while (offset < ua.Length)
        {
            var relative = ua[offset..].IndexOfAny(MarkerSearch);
            if (relative < 0)
            {
                break;
            }

            var at = offset + relative;
            foreach (var (marker, markerKind) in Markers)
            {
                if (ua[at..].StartsWith(marker, StringComparison.OrdinalIgnoreCase))
                {
                    if (marker != "bot" || IsBotWord(ua, at))
                    {
                        kind = markerKind;
                        return at;
                    }

                    break;
                }
            }

            offset = at + 1;
        }

        kind = default;
        return -1;
    }

    /// <summary>
    /// "bot" that ends a word (<c>Googlebot/</c>, <c>AhrefsBot;</c>, <c>Slackbot-</c>), not a word that
    /// merely contains it: <c>robots</c> in a URL, or the CUBOT phone brand.
    /// </summary>
    private static bool IsBotWord(ReadOnlySpan<char> ua, int at)
    {
        var after = at + 3;
        var endsWord = after == ua.Length || !char.IsAsciiLetter(ua[after]);
        var isCubot = at >= 2 && ua.Slice(at - 2, 2).Equals("cu", StringComparison.OrdinalIgnoreCase);
        return endsWord && !isCubot;
    }

    /// <summary>The product name around <paramref name="at"/>: from the token's start up to its <c>/</c> or end.</summary>
    private static (int Start, int End) ProductTokenAround(ReadOnlySpan<char> ua, int at)
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
