using Azure;
using RiskFunctions.Domain.Labels.Dialects;

namespace RiskFunctions.Storage.FraudReports;

/// <summary>
/// A fraud report as stored. The report is written first and its version's label after it, so the row records
/// whether that label has been handed to the label pipeline yet; a version whose label is missing (the process
/// stopped in between) is completed by the next request for the transaction or by the outbox relay.
/// </summary>
public sealed record StoredFraudReport
{
    public required string TenantId { get; init; }

    public required FraudReport Report { get; init; }

    /// <summary>The id of the current version's label (derived from tenant, transaction and version).</summary>
    public required string LabelId { get; init; }

    /// <summary>Whether the current version's label is stored in the label pipeline.</summary>
    public bool LabelAccepted { get; init; }

    /// <summary>The row's version; every change is conditional on it.</summary>
    public ETag ETag { get; init; }

    /// <summary>
    /// The version of the report's outbox entry as this process last saw it, before the report was written (default
    /// when it did not see it): the write that accepts the label removes the entry only at this version, so an entry
    /// that a newer version owing its label has claimed since stays. Not stored in the row.
    /// </summary>
    public ETag OutboxETag { get; init; }
}
