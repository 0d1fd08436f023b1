using System.Globalization;

namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>Validation of the individual values found in IP-intelligence files.</summary>
internal static class IpDataText
{
    /// <summary>An ISO 3166-1 alpha-2 code in upper case; null for empty and for the "unknown" codes ZZ and XX.</summary>
    public static string? CountryCode(CsvRecordReader csv, string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length != 2 || !char.IsAsciiLetter(value[0]) || !char.IsAsciiLetter(value[1]))
        {
            throw csv.Error($"'{Shorten(value)}' is not a two-letter country code.");
        }

        var code = value.ToUpperInvariant();
        return code is "ZZ" or "XX" ? null : string.Intern(code);
    }

    /// <summary>A latitude or longitude kept as written (the contract carries strings); null when empty.</summary>
    public static string? Coordinate(CsvRecordReader csv, string value, double limit)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || Math.Abs(number) > limit)
        {
            throw csv.Error($"'{Shorten(value)}' is not a coordinate.");
        }

        return value;
    }

    public static string? Text(string value) => value.Length == 0 ? null : value;

    public static IpNetwork Range(CsvRecordReader csv, string start, string end)
    {
        if (!IpAddressValue.TryParse(start, out var first) || !IpAddressValue.TryParse(end, out var last))
        {
            throw csv.Error($"'{Shorten(start)}' - '{Shorten(end)}' is not an address range.");
        }

        if (!IpNetwork.TryCreate(first, last, out var network))
        {
            throw csv.Error($"'{Shorten(start)}' - '{Shorten(end)}' mixes address families or ends before it starts.");
        }

        return network;
    }

    public static IpNetwork Network(CsvRecordReader csv, string text)
    {
        if (!IpNetwork.TryParse(text, out var network))
        {
            throw csv.Error($"'{Shorten(text)}' is not an address or network in CIDR notation.");
        }

        return network;
    }

    public static uint AsNumber(CsvRecordReader csv, string value)
    {
        var digits = value.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? value[2..] : value;
        if (!uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw csv.Error($"'{Shorten(value)}' is not an AS number.");
        }

        return number;
    }

    public static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
