using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Domain.Labels;

/// <summary>What each label type means: its current spelling and its effect on reputation.</summary>
public static class LabelTypes
{
    /// <summary>The current spelling of a label type; the legacy spellings map to their successors.</summary>
    public static LabelType Canonical(this LabelType type) => type switch
    {
        LabelType.KnownMalicious => LabelType.ConfirmedFraud,
        LabelType.SuspectedMalicious => LabelType.SuspectedFraud,
        LabelType.KnownLegit => LabelType.ConfirmedLegit,
        LabelType.Unknown => LabelType.Undetermined,
        _ => type,
    };

    /// <summary>
    /// The standing a label gives the entities it touches. <see cref="LabelType.Undetermined"/> is a standing of
    /// its own: as the newest label it clears the effect of earlier fraud or legit labels.
    /// </summary>
    public static ReputationStanding Standing(this LabelType type) => type.Canonical() switch
    {
        LabelType.ConfirmedFraud => ReputationStanding.ConfirmedFraud,
        LabelType.SuspectedFraud => ReputationStanding.SuspectedFraud,
        LabelType.DeviceTakeover => ReputationStanding.Takeover,
        LabelType.ConfirmedLegit => ReputationStanding.ConfirmedLegit,
        LabelType.Undetermined => ReputationStanding.Undetermined,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown label type."),
    };

    /// <summary>The recommendation filter value that matches a stored recommendation (<c>ALLOW</c> → allow).</summary>
    public static bool Matches(this LabelRecommendationFilter filter, string recommendation) => filter switch
    {
        LabelRecommendationFilter.Allow => string.Equals(recommendation, "ALLOW", StringComparison.OrdinalIgnoreCase),
        LabelRecommendationFilter.Trust => string.Equals(recommendation, "TRUST", StringComparison.OrdinalIgnoreCase),
        LabelRecommendationFilter.Challenge => string.Equals(recommendation, "CHALLENGE", StringComparison.OrdinalIgnoreCase),
        LabelRecommendationFilter.Deny => string.Equals(recommendation, "DENY", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
