namespace RiskFunctions.Domain.Labels.Dialects;

/// <summary>What a requested change does to a transaction's report.</summary>
public enum FraudReportOutcome
{
    /// <summary>The transaction had no report; the change creates it.</summary>
    Created,

    /// <summary>An allowed transition: the report moves on to a new version.</summary>
    Updated,

    /// <summary>The change says what the report says already (a retried request): nothing to write.</summary>
    Unchanged,

    /// <summary>The state machine does not allow the change.</summary>
    Rejected,
}

/// <summary>The result of applying a change to a report.</summary>
/// <param name="Outcome">What the change does.</param>
/// <param name="Report">The report to store (created, updated) or the current one (unchanged, rejected).</param>
/// <param name="Problem">Why the change is rejected, for the client.</param>
public sealed record FraudReportTransition(FraudReportOutcome Outcome, FraudReport Report, string? Problem = null)
{
    /// <summary>Whether the report has to be written.</summary>
    public bool Changes => Outcome is FraudReportOutcome.Created or FraudReportOutcome.Updated;
}
