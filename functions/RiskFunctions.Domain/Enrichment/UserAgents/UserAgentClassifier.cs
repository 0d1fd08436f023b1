namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>The uncached parse: bot check, then operating system, browser and platform.</summary>
internal static class UserAgentClassifier
{
    /// <summary>
    /// Only this many characters are examined: real user agents stay well below it (in-app browsers
    /// reach ~500), and a hostile 10 KB value cannot make a parse expensive.
    /// </summary>
    public const int MaxExaminedLength = 1024;

    public static UserAgentInfo Classify(ReadOnlySpan<char> userAgent)
    {
        var ua = userAgent.Trim();
        if (ua.Length > MaxExaminedLength)
        {
            ua = ua[..MaxExaminedLength];
        }

        if (ua.IsEmpty)
        {
            return UserAgentInfo.Unknown;
        }

        Span<ProductToken> tokenBuffer = stackalloc ProductToken[ProductToken.MaxTokens];
        var tokens = tokenBuffer[..ProductToken.Tokenize(ua, tokenBuffer)];
        var os = OsDetector.Detect(ua);
        if (BotDetector.TryDetect(ua, tokens, out var bot))
        {
            // A crawler's platform comment is copied from a browser to get the same page; a headless
            // browser's is the machine it really runs on.
            var botOs = bot.Kind == BotKind.Automation ? os : OsMatch.None;
            return new UserAgentInfo(bot.Name, bot.Version, botOs.Name, botOs.Version, DevicePlatforms.Bot, IsBot: true);
        }

        var browser = BrowserDetector.Detect(ua, tokens, os.Name);
        var platform = PlatformDetector.Detect(ua, os.Name, browser.Name);
        if (browser.Name is null && os.Name is null && platform is null)
        {
            return UserAgentInfo.Unknown;
        }

        return new UserAgentInfo(browser.Name, browser.Version, os.Name, os.Version, platform, IsBot: false);
    }
}
