using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Labels.Dialects;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.FraudReports;

namespace RiskFunctions.Functions.Features.Labels.Dialects;

/// <summary>
/// Lithic's fraud reports on transactions (actions). A change is decided by the report's state machine against
/// the stored report and written conditionally on its ETag: when another request changed the report first, the
/// change is decided again against the new state, so concurrent updates can never lose a transition. Each
/// written version then becomes one label on the action through <see cref="LabelIntake"/>, exactly like every
/// other label (stored with its propagation state, then sent). The version records whether its label was
/// accepted; a label missing after a stop in between is accepted by the next change or by the outbox relay.
/// </summary>
public sealed class LithicFraudReports(
    FraudReportRepository reports,
    ActionRepository actions,
    LabelIntake intake,
    TimeProvider timeProvider,
    ILogger<LithicFraudReports> logger) : IPendingLabelSource
{
    /// <summary>
    /// Writes attempted per request. A report changes at most a handful of times (two transitions and the
    /// acceptance of each label), so losing more races than this means something is wrong, not busy.
    /// </summary>
    public const int MaxAttempts = 8;

    /// <summary>The tenant's report on the transaction: null when the tenant has no such transaction.</summary>
    public async Task<FraudReportLookup?> GetAsync(string tenantId, string transactionToken, CancellationToken cancellationToken)
    {
        var report = await reports.GetAsync(tenantId, transactionToken, cancellationToken).ConfigureAwait(false);
        return report is not null || await TransactionExistsAsync(tenantId, transactionToken, cancellationToken).ConfigureAwait(false)
            ? new FraudReportLookup(report?.Report)
            : null;
    }

    /// <summary>Applies <paramref name="change"/> to the transaction's report.</summary>
    public async Task<FraudReportResult> ReportAsync(string tenantId, string transactionToken, FraudReportChange change, string? clientId, CancellationToken cancellationToken)
    {
        var transactionKnown = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await reports.GetAsync(tenantId, transactionToken, cancellationToken).ConfigureAwait(false);
            if (current is null && !transactionKnown)
            {
                if (!await TransactionExistsAsync(tenantId, transactionToken, cancellationToken).ConfigureAwait(false))
                {
                    return FraudReportResult.UnknownTransaction;
                }

                transactionKnown = true;
            }

            if (current is { LabelAccepted: false })
            {
                // The previous version's label comes first, so the labels arrive in the order of the versions.
                current = await AcceptLabelAsync(current, cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    continue;
                }
            }

            var transition = LithicFraudReportMapping.Apply(transactionToken, current?.Report, change, timeProvider.GetUtcNow(), clientId);
            if (!transition.Changes)
            {
                return new FraudReportResult(transition);
            }

            var next = new StoredFraudReport
            {
                TenantId = tenantId,
                Report = transition.Report,
                LabelId = LabelIdOf(tenantId, transition.Report),
                ETag = current?.ETag ?? default,
            };
            var written = current is null
                ? await reports.TryAddAsync(next, cancellationToken).ConfigureAwait(false)
                : await reports.TryUpdateAsync(next, cancellationToken).ConfigureAwait(false);
            if (written is null)
            {
                continue;
            }

            await AcceptLabelAsync(written, cancellationToken).ConfigureAwait(false);
            return new FraudReportResult(transition);
        }

        logger.LogWarning("Fraud report on transaction {TransactionToken} of tenant {TenantId} kept changing; gave up after {Attempts} attempts", transactionToken, tenantId, MaxAttempts);
        return FraudReportResult.TooMuchContention;
    }

    /// <inheritdoc/>
    public async Task<int> AcceptMissingLabelsAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        var accepted = 0;
        await foreach (var report in reports.QueryUnlabeledAsync(writtenBefore, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (await AcceptLabelAsync(report, cancellationToken).ConfigureAwait(false) is not null)
                {
                    accepted++;
                    logger.LogWarning("Label {LabelId} of the fraud report on transaction {TransactionToken} was missing and is accepted now", report.LabelId, report.Report.TransactionToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One report that cannot be completed now must not keep the others waiting; the next pass tries again.
                logger.LogError(ex, "Label {LabelId} of the fraud report on transaction {TransactionToken} could not be accepted", report.LabelId, report.Report.TransactionToken);
            }
        }

        return accepted;
    }

    /// <summary>
    /// The label of version <see cref="FraudReport.Version"/>: the same id for every attempt, so accepting it
    /// twice (two requests, a request and the relay) stores it once.
    /// </summary>
    public static string LabelIdOf(string tenantId, FraudReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return LabelIds.ForIdempotencyKey(tenantId, LabelOrigins.Lithic, report.TransactionToken + "/" + report.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A report exists only for an existing transaction, so the action is read only when there is no report.</summary>
    private async Task<bool> TransactionExistsAsync(string tenantId, string transactionToken, CancellationToken cancellationToken) =>
        await actions.GetAsync(tenantId, transactionToken, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// Hands the version's label to the label pipeline and records that it did; null when the report changed
    /// meanwhile (whoever changed it accepted this label first).
    /// </summary>
    private async Task<StoredFraudReport?> AcceptLabelAsync(StoredFraudReport report, CancellationToken cancellationToken)
    {
        await intake.StoreAsync(report.TenantId, LithicFraudReportMapping.ToLabel(report.Report, report.LabelId), cancellationToken).ConfigureAwait(false);
        return await reports.TryUpdateAsync(report with { LabelAccepted = true }, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A transaction that exists, with its report if it has one.</summary>
/// <param name="Report">The report, or null when nobody reported the transaction.</param>
public sealed record FraudReportLookup(FraudReport? Report);

/// <summary>The answer to a fraud report: the state machine's decision, or why there was none.</summary>
/// <param name="Transition">The decision; null for an unknown transaction or too much contention.</param>
/// <param name="TransactionFound">False when the tenant has no such transaction.</param>
public sealed record FraudReportResult(FraudReportTransition? Transition, bool TransactionFound = true)
{
    public static FraudReportResult UnknownTransaction { get; } = new(Transition: null, TransactionFound: false);

    public static FraudReportResult TooMuchContention { get; } = new(Transition: null);
}
