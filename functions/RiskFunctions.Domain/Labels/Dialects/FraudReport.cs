using RiskFunctions.Domain.Contract.Dialects.Lithic;

namespace RiskFunctions.Domain.Labels.Dialects;

/// <summary>
/// A transaction's fraud report (Lithic's dialect), one per transaction. Each accepted change makes a new
/// <see cref="Version"/>, and each version is told to the label pipeline as one label on the transaction's action.
/// </summary>
public sealed record FraudReport
{
    /// <summary>The transaction: the token of the reported action.</summary>
    public required string TransactionToken { get; init; }

    /// <summary>Never <see cref="LithicFraudStatus.NoReportedFraud"/>: that is the answer for a transaction without a report.</summary>
    public required LithicFraudStatus Status { get; init; }

    /// <summary>The kind of fraud; always null once the transaction is reported as not fraudulent.</summary>
    public LithicFraudType? Type { get; init; }

    public string? Comment { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the current status was reported: the time of the version's label.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>1 for the first report, one more for each accepted transition.</summary>
    public required int Version { get; init; }

    /// <summary>The API client that reported the current status, for the audit trail.</summary>
    public string? ReportedBy { get; init; }

    /// <summary>The report as Lithic returns it.</summary>
    public LithicFraudReport ToContract() => new()
    {
        TransactionToken = TransactionToken,
        FraudStatus = Status,
        FraudType = Type,
        Comment = Comment,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };

    /// <summary>What Lithic returns for a transaction nobody reported.</summary>
    public static LithicFraudReport Unreported(string transactionToken) => new()
    {
        TransactionToken = transactionToken,
        FraudStatus = LithicFraudStatus.NoReportedFraud,
    };
}

/// <summary>A validated request to report a transaction: the status it should have and the details sent with it.</summary>
/// <param name="Status">The requested status (never <see cref="LithicFraudStatus.NoReportedFraud"/>).</param>
/// <param name="Type">The fraud type, if sent.</param>
/// <param name="Comment">The comment, if sent.</param>
public sealed record FraudReportChange(LithicFraudStatus Status, LithicFraudType? Type, string? Comment);
