using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Learning;

/// <summary>The class a stored label gives an action for training.</summary>
public static class TrainingLabels
{
    /// <summary>
    /// Fraud for confirmed or suspected fraud and takeover, legitimate for confirmed legit; <c>null</c> for
    /// undetermined (it says nothing) and for anything unreadable. Legacy spellings count as their successors.
    /// </summary>
    public static bool? IsFraud(string? storedLabelType) =>
        Enum.TryParse<LabelType>(storedLabelType, ignoreCase: false, out var type) && Enum.IsDefined(type)
            ? type.Standing() switch
            {
                ReputationStanding.ConfirmedFraud or ReputationStanding.SuspectedFraud or ReputationStanding.Takeover => true,
                ReputationStanding.ConfirmedLegit => false,
                _ => null,
            }
            : null;
}
