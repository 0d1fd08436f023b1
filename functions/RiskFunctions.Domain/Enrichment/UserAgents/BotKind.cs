namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>How a self-declared non-human client is driven; decides which parts of its user agent are believed.</summary>
internal enum BotKind
{
    /// <summary>A crawler or link previewer: its OS/device text is borrowed from a browser and not reported.</summary>
    Crawler,

    /// <summary>A headless or scripted real browser: the OS it names is the machine it runs on and is reported.</summary>
    Automation,

    /// <summary>An HTTP library or command-line tool.</summary>
    Library,
}
