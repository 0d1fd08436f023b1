namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>
/// One <c>Name/version</c> product token of a user agent, as offsets into the string. The detectors look
/// tokens up in dictionaries instead of searching the whole string once per browser or bot they know.
/// </summary>
internal readonly record struct ProductToken(int NameStart, int NameLength, int VersionStart, int VersionLength)
{
    /// <summary>Tokens beyond this many are ignored; real user agents carry fewer than twenty.</summary>
    public const int MaxTokens = 48;

    public ReadOnlySpan<char> Name(ReadOnlySpan<char> ua) => ua.Slice(NameStart, NameLength);

    public ReadOnlySpan<char> Version(ReadOnlySpan<char> ua) => ua.Slice(VersionStart, VersionLength);

    /// <summary>Finds every <c>Name/version</c> token (one vectorized scan for <c>/</c>); returns how many were written.</summary>
    public static int Tokenize(ReadOnlySpan<char> ua, Span<ProductToken> tokens)
    {
        var count = 0;
        var offset = 0;
        while (count < tokens.Length)
        {
            var relative = ua[offset..].IndexOf('/');
            if (relative < 0)
            {
                break;
            }

            var slash = offset + relative;
            var nameStart = slash;
            while (nameStart > 0 && IsNameChar(ua[nameStart - 1]))
            {
                nameStart--;
            }

            var versionEnd = slash + 1;
            while (versionEnd < ua.Length && IsVersionChar(ua[versionEnd]))
            {
                versionEnd++;
            }

            if (nameStart < slash)
            {
                tokens[count++] = new ProductToken(nameStart, slash - nameStart, slash + 1, versionEnd - slash - 1);
            }

            offset = slash + 1;
        }

        return count;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private static bool IsVersionChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
