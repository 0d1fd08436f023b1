namespace RiskFunctions.Domain.Scoring.Reputation;

/// <summary>
/// What the latest label says about an entity. A newer label supersedes an older one, so an entity has
/// exactly one standing; <see cref="Undetermined"/> clears the effect of earlier labels.
/// </summary>
public enum ReputationStanding
{
    /// <summary>Never labeled.</summary>
    None = 0,
    ConfirmedFraud = 1,
    SuspectedFraud = 2,
    /// <summary>The device (or the account through it) was taken over.</summary>
    Takeover = 3,
    ConfirmedLegit = 4,
    Undetermined = 5,
}
