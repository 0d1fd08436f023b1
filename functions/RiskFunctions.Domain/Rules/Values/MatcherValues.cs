using System.Text;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Rules.Values;

/// <summary>Validates and normalizes matcher values, the one place that knows what each kind accepts.</summary>
public static class MatcherValues
{
    /// <summary>
    /// Builds a matcher from raw values. On failure <paramref name="errors"/> holds one message per bad value,
    /// keyed by its index (or -1 for the list as a whole).
    /// </summary>
    public static bool TryCreateMatcher(
        MatcherKind kind,
        IReadOnlyList<string?> values,
        out RuleMatcher? matcher,
        out IReadOnlyList<MatcherValueError> errors)
    {
        ArgumentNullException.ThrowIfNull(values);
        matcher = null;
        if (values.Count == 0)
        {
            errors = [new MatcherValueError(-1, "must contain at least one value")];
            return false;
        }

        if (values.Count > RuleLimits.MaxValuesPerMatcher)
        {
            errors = [new MatcherValueError(-1, $"must contain at most {RuleLimits.MaxValuesPerMatcher} values")];
            return false;
        }

        var found = new List<MatcherValueError>();
        var normalized = new List<string>(values.Count);
        var seen = new HashSet<string>(ComparerFor(kind));
        for (var i = 0; i < values.Count; i++)
        {
            if (!TryNormalize(kind, values[i], out var value, out var error))
            {
                found.Add(new MatcherValueError(i, error));
            }
            else if (seen.Add(value))
            {
                normalized.Add(value);
            }
        }

        errors = found;
        if (found.Count > 0)
        {
            return false;
        }

        matcher = new RuleMatcher(kind, normalized.AsReadOnly());
        return true;
    }

    /// <summary>
    /// How values of <paramref name="kind"/> compare: browser names and OS versions ignore case (as the user
    /// agent enrichment's spelling may differ from what an analyst types); identifiers are opaque and exact.
    /// CIDRs and country codes are already canonical once normalized.
    /// </summary>
    public static StringComparer ComparerFor(MatcherKind kind) =>
        kind is MatcherKind.BrowserNames or MatcherKind.OsVersions ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Validates one value and returns its normalized form, or a message saying what is wrong.</summary>
    public static bool TryNormalize(MatcherKind kind, string? value, out string normalized, out string error)
    {
        normalized = string.Empty;
        if (value is null)
        {
            error = "must be a string";
            return false;
        }

        switch (kind)
        {
            case MatcherKind.IpCidrs:
                if (CidrParser.TryParse(value, out var cidr, out var cidrError))
                {
                    normalized = cidr.ToString();
                    error = string.Empty;
                    return true;
                }

                error = $"'{Excerpt(value)}' {cidrError}";
                return false;

            case MatcherKind.CountryCodes:
                var country = value.Trim().ToUpperInvariant();
                if (IsoCountryCodes.IsValid(country))
                {
                    normalized = country;
                    error = string.Empty;
                    return true;
                }

                error = $"'{Excerpt(value)}' is not an ISO 3166-1 alpha-2 country code";
                return false;

            case MatcherKind.BrowserNames:
            case MatcherKind.OsVersions:
                return TryText(value.Trim(), RuleLimits.MaxLabelLength, out normalized, out error);

            default:
                // Identifiers are matched exactly as actions report them, so they are not trimmed.
                return TryText(value, RuleLimits.MaxIdentifierLength, out normalized, out error);
        }
    }

    /// <summary>Whether <paramref name="text"/> is free of control characters and unpaired surrogates.</summary>
    public static bool IsPrintable(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out var rune, out var consumed) != System.Buffers.OperationStatus.Done
                || Rune.IsControl(rune))
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }

    private static bool TryText(string value, int maxLength, out string normalized, out string error)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "must not be empty";
            return false;
        }

        if (value.Length > maxLength)
        {
            error = $"must be at most {maxLength} characters";
            return false;
        }

        if (!IsPrintable(value))
        {
            error = "must not contain control characters or invalid UTF-16";
            return false;
        }

        normalized = value;
        error = string.Empty;
        return true;
    }

    private static string Excerpt(string value)
    {
        const int max = 64;
        var trimmed = value.Length > max ? value[..max] + "..." : value;
        return IsPrintable(trimmed) ? trimmed : "(value with control characters)";
    }
}
