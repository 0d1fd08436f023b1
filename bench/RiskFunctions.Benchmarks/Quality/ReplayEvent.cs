namespace RiskFunctions.Benchmarks.Quality;

/// <summary>One historical event of the sample data, as a client would report it.</summary>
/// <param name="Dataset">Which file it came from.</param>
/// <param name="Row">1-based data row in that file; with <paramref name="Dataset"/> the event's unique reference.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="UserId">The entity the event belongs to (e-mail for registrations, entity id for transactions).</param>
/// <param name="Ip">The client IP the event came from.</param>
/// <param name="UserAgent">The client's user agent, when the file has one.</param>
/// <param name="IsFraud">The label, or null when the file leaves the event unlabeled.</param>
/// <param name="LabeledAt">When the label became known (transactions carry it; registrations do not).</param>
/// <param name="Transaction">Amount, currency and card of a transaction event.</param>
internal sealed record ReplayEvent(
    string Dataset,
    int Row,
    DateTimeOffset OccurredAt,
    string UserId,
    string Ip,
    string? UserAgent,
    bool? IsFraud,
    DateTimeOffset? LabeledAt,
    TransactionFacts? Transaction)
{
    public string Ref => $"{Dataset}:{Row}";
}

/// <summary>What a transaction event adds.</summary>
internal sealed record TransactionFacts(decimal Amount, string? Currency, string? CardBin);
