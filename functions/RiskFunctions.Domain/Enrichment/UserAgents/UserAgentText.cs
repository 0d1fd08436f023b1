using System.Globalization;

namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>Span helpers shared by the detectors: token search and version extraction without allocation.</summary>
internal static class UserAgentText
{
    private const int MaxVersionLength = 32;

    // Major versions are small numbers; handing out shared strings keeps an uncached parse almost allocation-free.
    private static readonly string[] SmallNumbers = CreateSmallNumbers(1024);

    public static bool Has(ReadOnlySpan<char> ua, string token) => ua.IndexOf(token, StringComparison.Ordinal) >= 0;

    /// <summary>The text right after the first occurrence of <paramref name="token"/>, or empty when absent.</summary>
    public static ReadOnlySpan<char> After(ReadOnlySpan<char> ua, string token)
    {
        var at = ua.IndexOf(token, StringComparison.Ordinal);
        return at < 0 ? [] : ua[(at + token.Length)..];
    }

    /// <summary>The major version following <paramref name="token"/> (<c>"Chrome/"</c> → <c>"120"</c>), or null.</summary>
    public static string? MajorAfter(ReadOnlySpan<char> ua, string token)
    {
        var at = ua.IndexOf(token, StringComparison.Ordinal);
        return at < 0 ? null : Major(ua[(at + token.Length)..]);
    }

    /// <summary>The leading run of digits as a string (<c>"17.1 Mobile"</c> → <c>"17"</c>), or null when there is none.</summary>
    public static string? Major(ReadOnlySpan<char> text)
    {
        var digits = LeadingDigits(text);
        if (digits.IsEmpty)
        {
            return null;
        }

        // Leading zeros are kept out of the shared table so "017" stays "017" rather than becoming "17".
        if ((digits.Length <= 4 && digits[0] != '0') || digits.Length == 1)
        {
            var value = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            if (value < SmallNumbers.Length)
            {
                return SmallNumbers[value];
            }
        }

        return new string(digits[..Math.Min(digits.Length, MaxVersionLength)]);
    }

    /// <summary>
    /// A dotted version at the start of <paramref name="text"/>: digits separated by <c>.</c> or <c>_</c>
    /// (underscores become dots, as iOS and macOS write <c>17_1_2</c>). Null when it does not start with a digit.
    /// </summary>
    public static string? DottedVersion(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (length < text.Length && length < MaxVersionLength && IsVersionChar(text[length]))
        {
            length++;
        }

        // A trailing separator ("10_15_") is not part of the version.
        while (length > 0 && !char.IsAsciiDigit(text[length - 1]))
        {
            length--;
        }

        if (length == 0 || !char.IsAsciiDigit(text[0]))
        {
            return null;
        }

        var version = text[..length];
        if (version.IndexOfAny('.', '_') < 0)
        {
            return Major(version);
        }

        return string.Create(version.Length, version, static (destination, source) =>
        {
            source.CopyTo(destination);
            destination.Replace('_', '.');
        });
    }

    /// <summary>The run of characters up to the next <c>;</c> or <c>)</c>, trimmed.</summary>
    public static ReadOnlySpan<char> UntilSeparator(ReadOnlySpan<char> text)
    {
        var end = text.IndexOfAny(';', ')');
        return (end < 0 ? text : text[..end]).Trim();
    }

    private static ReadOnlySpan<char> LeadingDigits(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (length < text.Length && char.IsAsciiDigit(text[length]))
        {
            length++;
        }

        return text[..length];
    }

    private static bool IsVersionChar(char c) => char.IsAsciiDigit(c) || c is '.' or '_';

    private static string[] CreateSmallNumbers(int count)
    {
        var numbers = new string[count];
        for (var i = 0; i < count; i++)
        {
            numbers[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return numbers;
    }
}
