using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Reputation;

/// <summary>
/// An <see cref="EntityReputation"/> as entity properties, under a name prefix: the reputation table's rows use none,
/// a subject state row (user, device, IP address) uses <see cref="StatePrefix"/> beside its velocity and links.
/// </summary>
internal static class ReputationProperties
{
    /// <summary>The prefix of the reputation properties in a subject state row.</summary>
    public const string StatePrefix = "Rep";

    private const char IdSeparator = '\n';

    public static void Write(TableEntity entity, EntityReputation reputation, string prefix)
    {
        entity[prefix + "Standing"] = reputation.Standing.ToString();
        entity[prefix + "FraudLabels"] = reputation.FraudLabels;
        entity[prefix + "LegitLabels"] = reputation.LegitLabels;
        entity[prefix + "RecentLabelIds"] = string.Join(IdSeparator, reputation.RecentLabelIds.Select(TableKeyEncoder.Encode));
        entity.SetIfPresent(prefix + "LabelId", reputation.LabelId);
        entity.SetIfPresent(prefix + "LabeledAt", reputation.LabeledAt);
    }

    /// <summary>The reputation the properties hold; <see cref="EntityReputation.Clean"/> when there are none.</summary>
    public static EntityReputation Read(TableEntity entity, string prefix)
    {
        if (entity.GetString(prefix + "Standing") is not { } standingName)
        {
            return EntityReputation.Clean;
        }

        var recent = entity.GetString(prefix + "RecentLabelIds");
        return new EntityReputation
        {
            Standing = Enum.TryParse<ReputationStanding>(standingName, out var standing) ? standing : ReputationStanding.None,
            LabelId = entity.GetString(prefix + "LabelId"),
            LabeledAt = entity.GetDateTimeOffset(prefix + "LabeledAt"),
            FraudLabels = entity.GetInt32(prefix + "FraudLabels") ?? 0,
            LegitLabels = entity.GetInt32(prefix + "LegitLabels") ?? 0,
            RecentLabelIds = string.IsNullOrEmpty(recent) ? [] : [.. recent.Split(IdSeparator).Select(TableKeyEncoder.Decode)],
        };
    }
}
