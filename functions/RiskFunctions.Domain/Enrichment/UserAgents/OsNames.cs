namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>
/// The normalized <c>os_name</c> values. <c>os_version</c> is dotted (<c>10.15.7</c>, <c>17.1.2</c>,
/// <c>14</c>); Windows reports its marketing version (<c>10</c>, <c>8.1</c>, <c>7</c>, <c>Vista</c>,
/// <c>XP</c>); Linux reports the CPU architecture the user agent names (<c>x86_64</c>, <c>aarch64</c>);
/// ChromeOS reports its platform build (<c>14541.0.0</c>).
/// </summary>
public static class OsNames
{
    /// <summary>
    /// Windows. <c>Windows NT 10.0</c> is reported as version <c>10</c>: Windows 11 sends the same token
    /// and can only be told apart through the <c>Sec-CH-UA-Platform-Version</c> client hint.
    /// </summary>
    public const string Windows = "Windows";

    public const string WindowsPhone = "Windows Phone";

    /// <summary>
    /// macOS. Safari, Chrome and Firefox freeze the version at 10.15(.7) on macOS 11 and later, so the
    /// version is a floor, not the truth. iPadOS 13+ in its default "desktop website" mode sends a
    /// Macintosh user agent and is reported as macOS/desktop: only script-side signals (touch points)
    /// can tell it apart.
    /// </summary>
    public const string MacOS = "macOS";

    /// <summary>iOS and iPadOS (iPads in mobile-website mode), version from <c>OS 17_1_2</c>.</summary>
    public const string Ios = "iOS";

    /// <summary>Android. Chrome's reduced user agent freezes the version at 10 (<c>Android 10; K</c>).</summary>
    public const string Android = "Android";

    public const string HarmonyOS = "HarmonyOS";
    public const string ChromeOS = "ChromeOS";
    public const string Linux = "Linux";
    public const string FreeBSD = "FreeBSD";
    public const string Tizen = "Tizen";
    public const string WebOS = "webOS";
    public const string KaiOS = "KaiOS";
    public const string PlayStation = "PlayStation";

    /// <summary>Every OS name above, for documentation and validation of rule values.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Windows, WindowsPhone, MacOS, Ios, Android, HarmonyOS, ChromeOS, Linux, FreeBSD, Tizen, WebOS, KaiOS, PlayStation];
}
