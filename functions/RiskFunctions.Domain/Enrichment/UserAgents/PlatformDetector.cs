using System.Buffers;

namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>Decides the <c>device_platform</c> of a browser or native HTTP stack (bots are decided before this).</summary>
internal static class PlatformDetector
{
    private static readonly string[] TvMarkers =
        ["SMART-TV", "SmartTV", "Smart TV", "SMART TV", "GoogleTV", "Android TV", "AndroidTV", "HbbTV", "AppleTV", "CrKey", "BRAVIA", "Roku", "; AFT"];

    private static readonly string[] ConsoleMarkers = ["PlayStation", "Xbox", "Nintendo"];

    // Ordinary browsers carry none of these, so one vectorized pass usually settles both questions.
    private static readonly SearchValues<string> TvOrConsole = SearchValues.Create([.. TvMarkers, .. ConsoleMarkers], StringComparison.Ordinal);

    public static string? Detect(ReadOnlySpan<char> ua, string? osName, string? browserName)
    {
        var special = ua.IndexOfAny(TvOrConsole) >= 0;
        if ((special && ContainsAny(ua, TvMarkers)) || (osName == OsNames.Tizen && UserAgentText.Has(ua, " TV")))
        {
            return DevicePlatforms.Tv;
        }

        if (special && ContainsAny(ua, ConsoleMarkers))
        {
            return DevicePlatforms.Console;
        }

        switch (osName)
        {
            case OsNames.Ios:
                return UserAgentText.Has(ua, "iPad") ? DevicePlatforms.Tablet : DevicePlatforms.Mobile;
            case OsNames.Android or OsNames.HarmonyOS:
                return AndroidPlatform(ua, browserName);
            case OsNames.WindowsPhone or OsNames.KaiOS:
                return DevicePlatforms.Mobile;
            default:
                break;
        }

        if (browserName == BrowserNames.OperaMini || UserAgentText.Has(ua, "Mobi"))
        {
            return DevicePlatforms.Mobile;
        }

        return osName is OsNames.Windows or OsNames.MacOS or OsNames.Linux or OsNames.ChromeOS or OsNames.FreeBSD
            ? DevicePlatforms.Desktop
            : null;
    }

    private static string AndroidPlatform(ReadOnlySpan<char> ua, string? browserName)
    {
        // Browsers follow Chrome's convention: "Mobile" on phones, absent on tablets. A native HTTP stack
        // (Dalvik, okhttp) never says, and phones are the overwhelming majority of Android devices.
        if (UserAgentText.Has(ua, "Mobile") || browserName == BrowserNames.OperaMini)
        {
            return DevicePlatforms.Mobile;
        }

        if (UserAgentText.Has(ua, "Tablet"))
        {
            return DevicePlatforms.Tablet;
        }

        return browserName is null ? DevicePlatforms.Mobile : DevicePlatforms.Tablet;
    }

    private static bool ContainsAny(ReadOnlySpan<char> ua, string[] markers)
    {
        foreach (var marker in markers)
        {
            if (UserAgentText.Has(ua, marker))
            {
                return true;
            }
        }

        return false;
    }
}
