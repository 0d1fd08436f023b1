namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>An operating system found in a user agent.</summary>
internal readonly record struct OsMatch(string? Name, string? Version)
{
    public static OsMatch None => default;
}

/// <summary>Reads the operating system from the platform comment of a user agent.</summary>
internal static class OsDetector
{
    public static OsMatch Detect(ReadOnlySpan<char> userAgent)
    {
        // KaiOS names itself after the platform comment ("... Firefox/48.0 KAIOS/2.5").
        var kaiOs = userAgent.IndexOf("KAIOS/", StringComparison.OrdinalIgnoreCase);
        if (kaiOs >= 0)
        {
            return new(OsNames.KaiOS, UserAgentText.DottedVersion(userAgent[(kaiOs + 6)..]));
        }

        // Everything else is stated in the platform comment, "(Windows NT 10.0; Win64; x64)", which is
        // far shorter than the whole string.
        var ua = PlatformComment(userAgent);

        // Order matters: Windows Phone and Android strings name Linux, iOS strings name Mac OS X,
        // HarmonyOS strings name Android.
        if (UserAgentText.Has(ua, "Windows Phone"))
        {
            return new(OsNames.WindowsPhone, UserAgentText.DottedVersion(UserAgentText.After(ua, "Windows Phone ")));
        }

        if (UserAgentText.Has(ua, "Windows NT "))
        {
            return new(OsNames.Windows, WindowsVersion(UserAgentText.After(ua, "Windows NT ")));
        }

        if (UserAgentText.Has(ua, "iPhone") || UserAgentText.Has(ua, "iPad") || UserAgentText.Has(ua, "iPod"))
        {
            return new(OsNames.Ios, IosVersion(ua));
        }

        if (UserAgentText.Has(ua, "CrOS "))
        {
            return new(OsNames.ChromeOS, ChromeOsVersion(UserAgentText.After(ua, "CrOS ")));
        }

        if (UserAgentText.Has(ua, "HarmonyOS"))
        {
            return new(OsNames.HarmonyOS, null);
        }

        if (UserAgentText.Has(ua, "Android"))
        {
            return new(OsNames.Android, UserAgentText.DottedVersion(UserAgentText.After(ua, "Android ")));
        }

        if (UserAgentText.Has(ua, "Mac OS X") || UserAgentText.Has(ua, "Macintosh"))
        {
            return new(OsNames.MacOS, UserAgentText.DottedVersion(UserAgentText.After(ua, "Mac OS X ")));
        }

        return DetectOther(ua);
    }

    /// <summary>The first parenthesized part of the string, or all of it when there is none.</summary>
    private static ReadOnlySpan<char> PlatformComment(ReadOnlySpan<char> ua)
    {
        var open = ua.IndexOf('(');
        if (open < 0)
        {
            return ua;
        }

        var close = ua[open..].IndexOf(')');
        return close < 0 ? ua[(open + 1)..] : ua.Slice(open + 1, close - 1);
    }

    private static OsMatch DetectOther(ReadOnlySpan<char> ua)
    {
        if (UserAgentText.Has(ua, "Tizen"))
        {
            return new(OsNames.Tizen, UserAgentText.DottedVersion(UserAgentText.After(ua, "Tizen ")));
        }

        if (UserAgentText.Has(ua, "Web0S") || UserAgentText.Has(ua, "webOS"))
        {
            return new(OsNames.WebOS, null);
        }

        if (UserAgentText.Has(ua, "PlayStation"))
        {
            return new(OsNames.PlayStation, null);
        }

        if (UserAgentText.Has(ua, "FreeBSD"))
        {
            return new(OsNames.FreeBSD, null);
        }

        if (UserAgentText.Has(ua, "Linux") || UserAgentText.Has(ua, "X11"))
        {
            return new(OsNames.Linux, LinuxArchitecture(ua));
        }

        return OsMatch.None;
    }

    private static string? WindowsVersion(ReadOnlySpan<char> nt)
    {
        var version = UserAgentText.UntilSeparator(nt);
        return version switch
        {
            // NT 10.0 is both Windows 10 and Windows 11; the user agent cannot say which.
            "10.0" => "10",
            "6.3" => "8.1",
            "6.2" => "8",
            "6.1" => "7",
            "6.0" => "Vista",
            "5.2" or "5.1" => "XP",
            "5.0" => "2000",
            _ => UserAgentText.DottedVersion(version),
        };
    }

    private static string? IosVersion(ReadOnlySpan<char> ua)
    {
        // "CPU iPhone OS 17_1_2 like Mac OS X" and "CPU OS 16_6 like Mac OS X" (iPad).
        var afterOs = UserAgentText.After(ua, " OS ");
        return afterOs.IsEmpty ? null : UserAgentText.DottedVersion(afterOs);
    }

    private static string? ChromeOsVersion(ReadOnlySpan<char> afterCros)
    {
        // "CrOS x86_64 14541.0.0": the architecture, then the platform build.
        var space = afterCros.IndexOf(' ');
        return space < 0 ? null : UserAgentText.DottedVersion(afterCros[(space + 1)..]);
    }

    private static string? LinuxArchitecture(ReadOnlySpan<char> ua)
    {
        // "X11; Linux x86_64" or "X11; Ubuntu; Linux i686; rv:121.0": the architecture is the word after "Linux ".
        var afterLinux = UserAgentText.After(ua, "Linux ");
        var architecture = UserAgentText.UntilSeparator(afterLinux);
        return architecture switch
        {
            "x86_64" => "x86_64",
            "amd64" => "amd64",
            "i686" => "i686",
            "i586" => "i586",
            "i386" => "i386",
            "aarch64" => "aarch64",
            "armv8l" => "armv8l",
            "armv7l" => "armv7l",
            "armv6l" => "armv6l",
            _ => null,
        };
    }
}
