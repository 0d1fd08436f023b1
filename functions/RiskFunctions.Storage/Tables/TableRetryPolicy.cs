using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// Azure.Core's retry (408, 429, 500, 502, 503, 504, transport failures; exponential backoff honoring
/// <c>Retry-After</c>), narrowed for requests whose replay is not safe to report.
/// </summary>
/// <remarks>
/// No table write can be applied twice: every write is either idempotent (upserts, unconditional merges, deletes,
/// which treat 404 as done) or conditional (an insert fails on an existing key, an ETag update on a changed one,
/// a transaction is atomic). But after a 500 <c>OperationTimedOut</c>, a 504 or a dropped connection the first
/// attempt may have been applied, and replaying an insert, an ETag-conditional write or a transaction holding
/// either (or a delete, whose 404 fails a transaction) would then report a false 409/412/404 for work that
/// succeeded. Those requests are retried only on 429 and 503, the statuses the service uses for requests it
/// throttled without executing; any other failure surfaces so that the caller, which knows whether its write is
/// repeatable, decides (message handlers are redelivered and re-check state).
/// </remarks>
internal sealed class TableRetryPolicy(int maxRetries, DelayStrategy delayStrategy) : RetryPolicy(maxRetries, delayStrategy)
{
    private const string ReplayUnsafeProperty = "RiskFunctions.Tables.ReplayUnsafe";

    public static TableRetryPolicy FromOptions(RetryOptions options) => new(
        options.MaxRetries,
        options.Mode == RetryMode.Exponential
            ? DelayStrategy.CreateExponentialDelayStrategy(options.Delay, options.MaxDelay)
            : DelayStrategy.CreateFixedDelayStrategy(options.Delay));

    /// <summary>Marks a request whose replay could report a false failure (see the type remarks).</summary>
    public static void MarkReplayUnsafe(HttpMessage message) => message.SetProperty(ReplayUnsafeProperty, true);

    internal static bool IsReplayUnsafe(HttpMessage message) =>
        message.TryGetProperty(ReplayUnsafeProperty, out var value) && value is true;

    /// <summary>Whether a retriable failure may be retried for this request.</summary>
    internal static bool MayReplay(HttpMessage message, Exception? exception) =>
        !IsReplayUnsafe(message) ||
        (exception is null && message.HasResponse && message.Response.Status is 429 or 503);

    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        MayReplay(message, exception) && base.ShouldRetry(message, exception);

    protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        MayReplay(message, exception) && await base.ShouldRetryAsync(message, exception).ConfigureAwait(false);
}
