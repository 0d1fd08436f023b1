namespace RiskFunctions.Functions.Features.Idempotency;

/// <summary>
/// Present on a request that claimed an <c>Idempotency-Key</c>: endpoints use <see cref="Key"/> to make their
/// own effects repeatable (a re-run after a crash must find what the first run created).
/// </summary>
public sealed record IdempotencyKeyFeature(string Key);
