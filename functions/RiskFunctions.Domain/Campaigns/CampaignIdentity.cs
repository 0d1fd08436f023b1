using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RiskFunctions.Domain.Campaigns;

/// <summary>
/// Which campaign a detected burst is: the known campaign of the same signature whose span it meets within a window,
/// else a new one named after the tenant, the signature and the burst's first action, so detecting the same burst
/// twice names it the same.
/// </summary>
public static class CampaignIdentity
{
    public const string IdPrefix = "camp_";

    /// <summary>A campaign already recorded: enough to decide whether a burst continues it.</summary>
    public sealed record KnownCampaign(string CampaignId, string Signature, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

    public static string Signature(CampaignKind kind, CampaignFeature feature, string value) =>
        string.Join('|', kind.Code(), feature.Code(), value);

    /// <summary>The id of <paramref name="burst"/>: a continued campaign's or a new one.</summary>
    public static string Resolve(string tenantId, DetectedCampaign burst, IEnumerable<KnownCampaign> known, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(burst);
        ArgumentNullException.ThrowIfNull(known);
        var signature = burst.Signature;
        var continued = known
            .Where(campaign => string.Equals(campaign.Signature, signature, StringComparison.Ordinal)
                && campaign.FirstSeen - window <= burst.LastSeen && burst.FirstSeen <= campaign.LastSeen + window)
            .OrderBy(campaign => campaign.FirstSeen)
            .ThenBy(campaign => campaign.CampaignId, StringComparer.Ordinal)
            .FirstOrDefault();
        if (continued is not null)
        {
            return continued.CampaignId;
        }

        var seed = string.Join('\n', tenantId, signature, burst.FirstSeen.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return IdPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 12));
    }

    /// <summary>Whether <paramref name="value"/> has the shape of a campaign id (anything else is never looked up).</summary>
    public static bool IsWellFormed(string? value)
    {
        if (value is not { Length: 29 } || !value.StartsWith(IdPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value.AsSpan(IdPrefix.Length))
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
