using System.Collections.Frozen;

namespace RiskFunctions.Domain.Rules.Values;

/// <summary>
/// ISO 3166-1 alpha-2 country codes: the 249 officially assigned codes, plus <c>XK</c> (Kosovo), which is only
/// user-assigned in the standard but is what IP-geolocation sources report for Kosovo, so a rule must be able
/// to name it.
/// </summary>
public static class CountryCodes
{
    private const string Assigned =
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE " +
        "BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD " +
        "CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM " +
        "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF " +
        "GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU " +
        "ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN " +
        "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME " +
        "MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA " +
        "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM " +
        "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI " +
        "SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK " +
        "TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI " +
        "VN VU WF WS YE YT ZA ZM ZW";

    private static readonly FrozenSet<string> Known =
        Assigned.Split(' ').Append("XK").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every accepted code, upper case.</summary>
    public static IReadOnlyCollection<string> All => Known;

    /// <summary>
    /// Normalizes <paramref name="text"/> (surrounding white space ignored, any letter case) to an upper-case
    /// assigned code.
    /// </summary>
    public static bool TryNormalize(string? text, out string code)
    {
        var span = text.AsSpan().Trim();
        if (span.Length == 2 && char.IsAsciiLetter(span[0]) && char.IsAsciiLetter(span[1]))
        {
            Span<char> upper = [char.ToUpperInvariant(span[0]), char.ToUpperInvariant(span[1])];
            if (Known.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(upper, out var known))
            {
                code = known;
                return true;
            }
        }

        code = string.Empty;
        return false;
    }
}
