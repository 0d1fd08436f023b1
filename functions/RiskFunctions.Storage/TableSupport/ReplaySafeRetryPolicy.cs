using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Storage.TableSupport;

/// <summary>
/// Azure.Core's retry (408, 429, 500, 502, 503, 504, transport failures; exponential backoff honoring
/// <c>Retry-After</c>), narrowed in two ways: requests whose replay is not safe are not replayed after an ambiguous
/// failure, and no call, retries included, outlasts <see cref="Budget"/>.
/// </summary>
/// <remarks>
/// <para>
/// No table write can be applied twice: every write is either idempotent (upserts, unconditional merges, deletes,
/// which treat 404 as done) or conditional (an insert fails on an existing key, an ETag update on a changed one,
/// a transaction is atomic). But after a 500 <c>OperationTimedOut</c>, a 504 or a dropped connection the first
/// attempt may have been applied, and replaying an insert, an ETag-conditional write or a transaction holding
/// either would then report a false 409/412/404 for work that succeeded. Those requests are retried only on 429
/// and 503, the statuses the service uses for requests it throttled without executing; any other failure surfaces
/// so that the caller, which knows whether its write is repeatable, decides (message handlers are redelivered and
/// re-check state). A transaction counts as unsafe unless it was submitted inside
/// <see cref="TableWrites"/>' scope that vouches for it (upserts and unconditional updates only).
/// </para>
/// <para>
/// The budget: each attempt's network timeout is cut to what is left of it, and no retry starts that could not
/// finish within it, so that a request needing storage answers promptly when storage is down instead of
/// spending the whole retry schedule.
/// </para>
/// </remarks>
public sealed class ReplaySafeRetryPolicy : RetryPolicy
{
    /// <summary>The message property <see cref="TableWrites"/> sets on a transaction that may be replayed.</summary>
    internal const string ReplaySafeProperty = "RiskFunctions.Tables.ReplaySafe";

    /// <summary>Shortest remaining budget worth another attempt.</summary>
    private static readonly TimeSpan MinimumAttempt = TimeSpan.FromMilliseconds(250);

    /// <summary>Azure.Core's jitter stretches an exponential delay by up to this factor.</summary>
    private const double MaxJitter = 1.2;

    private readonly TimeSpan _delay;
    private readonly TimeSpan _maxDelay;
    private readonly TimeSpan _networkTimeout;

    /// <summary>Creates the policy.</summary>
    /// <param name="maxRetries">Most retries after the first attempt.</param>
    /// <param name="delay">The first pause; it doubles per retry up to <paramref name="maxDelay"/>, with jitter.</param>
    /// <param name="maxDelay">The longest pause.</param>
    /// <param name="budget">The longest a call may take, all attempts and pauses included.</param>
    /// <param name="networkTimeout">The longest one attempt may take (cut to what is left of the budget).</param>
    public ReplaySafeRetryPolicy(int maxRetries, TimeSpan delay, TimeSpan maxDelay, TimeSpan budget, TimeSpan networkTimeout)
        : base(maxRetries, DelayStrategy.CreateExponentialDelayStrategy(delay, maxDelay))
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(budget, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(networkTimeout, TimeSpan.Zero);
        Budget = budget;
        _delay = delay;
        _maxDelay = maxDelay;
        _networkTimeout = networkTimeout;
    }

    /// <summary>The longest a call may take, all attempts and delays included.</summary>
    public TimeSpan Budget { get; }

    /// <summary>Whether a retriable failure may be retried for this request (see the type remarks).</summary>
    public static bool MayReplay(HttpMessage message, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(message);
        return !IsReplayUnsafe(message) ||
            (exception is null && message.HasResponse && message.Response.Status is 429 or 503);
    }

    /// <summary>
    /// An insert (POST of an entity), a write conditional on an ETag, or a transaction nobody vouched for.
    /// </summary>
    public static bool IsReplayUnsafe(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Request;
        var path = request.Uri.Path.TrimEnd('/');
        if (path.EndsWith("/$batch", StringComparison.Ordinal))
        {
            return !(message.TryGetProperty(ReplaySafeProperty, out var safe) && safe is true);
        }

        if (request.Method == RequestMethod.Post)
        {
            // Creating a table answers 409 TableAlreadyExists on a replay, which create-if-not-exists accepts.
            return !path.EndsWith("/Tables", StringComparison.Ordinal);
        }

        return request.Headers.TryGetValue(HttpHeader.Names.IfMatch, out var ifMatch) && ifMatch != "*";
    }

    /// <inheritdoc/>
    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        MayReplay(message, exception) && HasTimeFor(message) && base.ShouldRetry(message, exception);

    /// <inheritdoc/>
    protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        MayReplay(message, exception) && HasTimeFor(message) && await base.ShouldRetryAsync(message, exception).ConfigureAwait(false);

    /// <inheritdoc/>
    protected override void OnSendingRequest(HttpMessage message)
    {
        var remaining = Remaining(message);
        message.NetworkTimeout = remaining < _networkTimeout
            ? (remaining > MinimumAttempt ? remaining : MinimumAttempt)
            : _networkTimeout;
    }

    /// <inheritdoc/>
    protected override ValueTask OnSendingRequestAsync(HttpMessage message)
    {
        OnSendingRequest(message);
        return ValueTask.CompletedTask;
    }

    /// <summary>Whether the pause before the next attempt, at its longest, leaves time for that attempt.</summary>
    private bool HasTimeFor(HttpMessage message)
    {
        var exponential = _delay * Math.Pow(2, Math.Min(message.ProcessingContext.RetryNumber, 16));
        var pause = (exponential < _maxDelay ? exponential : _maxDelay) * MaxJitter;
        if (message.HasResponse && message.Response.Headers.TryGetValue("Retry-After", out var retryAfter)
            && int.TryParse(retryAfter, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && TimeSpan.FromSeconds(seconds) > pause)
        {
            pause = TimeSpan.FromSeconds(seconds);
        }

        return Remaining(message) - pause > MinimumAttempt;
    }

    // The pipeline stamps StartTime from the system clock, so the elapsed time is measured on it too.
    private TimeSpan Remaining(HttpMessage message) => Budget - (DateTimeOffset.UtcNow - message.ProcessingContext.StartTime);
}
