namespace RiskFunctions.Storage.TableSupport;

/// <summary>
/// Decides which failures of one dependency get a log line while it is out: the first, then at most one per
/// <see cref="Window"/>, which says how many went unlogged since. One per dependency and process: the one registered
/// in the container is table storage's, shared by every caller that reports storage failures, so an outage costs a
/// handful of lines however many requests and deliveries fail.
/// </summary>
public sealed class OutageLogThrottle(TimeProvider time)
{
    /// <summary>The default <see cref="Window"/>.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private DateTimeOffset? _lastLogged;
    private int _unlogged;

    /// <summary>The shortest time between two lines.</summary>
    public TimeSpan Window { get; init; } = DefaultWindow;

    /// <summary>
    /// Whether this failure is logged; if so, <paramref name="unloggedSince"/> is the number of failures left unlogged
    /// since the previous line.
    /// </summary>
    public bool ShouldLog(out int unloggedSince)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_lastLogged is { } last && now - last < Window)
            {
                _unlogged++;
                unloggedSince = 0;
                return false;
            }

            _lastLogged = now;
            unloggedSince = _unlogged;
            _unlogged = 0;
            return true;
        }
    }

    /// <summary>One line about <paramref name="exception"/>: its type and its innermost message, without a stack trace.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var innermost = Innermost(exception);
        var reason = exception == innermost ? exception.Message : $"{exception.Message} ({innermost.GetType().Name}: {innermost.Message})";
        return $"{exception.GetType().Name}: {reason}".ReplaceLineEndings(" ");
    }

    private static Exception Innermost(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Innermost(aggregate.InnerExceptions[^1]),
        { InnerException: { } inner } => Innermost(inner),
        _ => exception,
    };
}
