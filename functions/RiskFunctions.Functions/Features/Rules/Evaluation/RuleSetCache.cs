using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Rules.Engine;
using RiskFunctions.Storage.Rules;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Features.Rules.Evaluation;

/// <summary>
/// Each tenant's compiled rules on this instance, kept current across scaled-out instances by comparing the
/// tenant's rule-set version row (one point read) at most every <see cref="RulesOptions.MaxStaleness"/>.
/// </summary>
/// <remarks>
/// <para>
/// Staleness: an evaluation uses rules confirmed current no longer than <c>MaxStaleness</c> ago, measured from
/// before the confirming read. From half of it on, the check runs in the background while the cached rules keep
/// answering, so steady traffic never waits for it. On the instance that changed the rules the change is visible
/// at once (<see cref="Invalidate"/>). If the check fails (storage unreachable), the last known rules keep
/// applying, the failure is logged and the check is retried after <see cref="RulesOptions.RetryAfterFailure"/>:
/// an outage never silently drops a tenant's rules. A tenant whose rules were never loaded cannot be evaluated
/// while storage is unreachable; the evaluation throws.
/// </para>
/// <para>
/// A load that raced with a change on this instance (it may have read the rules from before the change) marks
/// its result for revalidation, so the next evaluation checks the version before using it.
/// </para>
/// </remarks>
internal sealed partial class RuleSetCache
{
    private readonly ConcurrentDictionary<string, TenantRuleSet> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LoadOperation> _loads = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TenantRuleSet> _retired = new();
    private readonly RuleRepository _repository;
    private readonly TimeProvider _time;
    private readonly RulesOptions _options;
    private readonly OutageLogThrottle _outageLog;
    private readonly ILogger<RuleSetCache> _logger;

    public RuleSetCache(
        RuleRepository repository, TimeProvider time, IOptions<RulesOptions> options, OutageLogThrottle outageLog, ILogger<RuleSetCache> logger)
    {
        _repository = repository;
        _time = time;
        _options = options.Value;
        _outageLog = outageLog;
        _logger = logger;
    }

    /// <summary>The tenants' current entries.</summary>
    public IEnumerable<TenantRuleSet> Entries => _entries.Values;

    /// <summary>The tenant's rules, confirmed current within the staleness bound (or the last known ones during an outage).</summary>
    public ValueTask<TenantRuleSet> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(tenantId, out var entry))
        {
            return new ValueTask<TenantRuleSet>(LoadAsync(tenantId).WaitAsync(cancellationToken));
        }

        var now = _time.GetTimestamp();
        entry.Touch(now, _time.TimestampFrequency);
        var age = _time.GetElapsedTime(entry.CheckedAt, now);
        var fresh = !entry.MustRevalidate && age < _options.MaxStaleness;
        if ((fresh && age < _options.MaxStaleness / 2) || now < entry.RetryAt)
        {
            return new ValueTask<TenantRuleSet>(entry);
        }

        var revalidation = Revalidate(entry);
        if (fresh)
        {
            // Refresh ahead: this evaluation does not wait; the next ones get the result.
            return new ValueTask<TenantRuleSet>(entry);
        }

        return new ValueTask<TenantRuleSet>(revalidation.WaitAsync(cancellationToken));
    }

    /// <summary>
    /// Forgets the tenant's compiled rules after a change made on this instance, so the next evaluation loads the
    /// changed rules. Call it after the change is committed.
    /// </summary>
    public void Invalidate(string tenantId)
    {
        // Flag an in-flight load first, then remove: whichever way the two race, a result that may predate the
        // change is either removed here or marked by the load itself.
        if (_loads.TryGetValue(tenantId, out var load))
        {
            load.Invalidate();
        }

        if (_entries.TryRemove(tenantId, out var removed))
        {
            _retired.Enqueue(removed);
        }
    }

    /// <summary>Drops the entries not used since <paramref name="idleSince"/> (a timestamp); their hits are handed over as retired.</summary>
    public void EvictIdle(long idleSince)
    {
        foreach (var (tenantId, entry) in _entries)
        {
            if (entry.LastUsed < idleSince && _entries.TryRemove(KeyValuePair.Create(tenantId, entry)))
            {
                _retired.Enqueue(entry);
            }
        }
    }

    /// <summary>Entries replaced or evicted since the last call, whose uncollected hits still need storing.</summary>
    public IReadOnlyList<TenantRuleSet> TakeRetired()
    {
        var retired = new List<TenantRuleSet>();
        while (_retired.TryDequeue(out var entry))
        {
            retired.Add(entry);
        }

        return retired;
    }

    /// <summary>This instance's entry for the tenant, if it has one (without loading or checking it).</summary>
    public TenantRuleSet? Peek(string tenantId) => _entries.TryGetValue(tenantId, out var entry) ? entry : null;

    private Task<TenantRuleSet> Revalidate(TenantRuleSet entry)
    {
        lock (entry.Gate)
        {
            if (entry.Revalidation is not { IsCompleted: false } running)
            {
                running = RevalidateCoreAsync(entry);
                entry.Revalidation = running;
            }

            return running;
        }
    }

    private async Task<TenantRuleSet> RevalidateCoreAsync(TenantRuleSet entry)
    {
        var started = _time.GetTimestamp();
        try
        {
            var version = await _repository.GetVersionAsync(entry.TenantId, CancellationToken.None);
            if (version.Version == entry.Version)
            {
                entry.Confirm(started);
                return entry;
            }

            return await LoadAsync(entry.TenantId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            entry.DeferRetry(_time.GetTimestamp() + (long)(_options.RetryAfterFailure.TotalSeconds * _time.TimestampFrequency));
            // An outage fails every tenant's check alike: one throttled line without a stack trace, not one per request.
            if (!StorageOutage.IsCause(exception))
            {
                LogRevalidationFailed(exception, entry.TenantId, entry.Version, _time.GetElapsedTime(entry.CheckedAt));
            }
            else if (_outageLog.ShouldLog(out var unlogged))
            {
                LogRevalidationUnavailable(entry.TenantId, entry.Version, _time.GetElapsedTime(entry.CheckedAt), OutageLogThrottle.Describe(exception), unlogged);
            }
            return entry;
        }
    }

    private Task<TenantRuleSet> LoadAsync(string tenantId)
    {
        var created = new LoadOperation();
        var load = _loads.GetOrAdd(tenantId, created);
        if (ReferenceEquals(load, created))
        {
            _ = created.CompleteAsync(LoadCoreAsync(tenantId, created));
        }

        return load.Task;
    }

    private async Task<TenantRuleSet> LoadCoreAsync(string tenantId, LoadOperation load)
    {
        try
        {
            var started = _time.GetTimestamp();
            var (version, rules) = await _repository.LoadAsync(tenantId, CancellationToken.None);
            var entry = new TenantRuleSet(tenantId, version.Version, CompiledRuleSet.Compile(rules.Select(stored => stored.Rule)), started);
            Replace(tenantId, entry);
            if (load.IsInvalidated)
            {
                entry.RequireRevalidation();
            }

            LogLoaded(tenantId, version.Version, rules.Count);
            return entry;
        }
        finally
        {
            _loads.TryRemove(KeyValuePair.Create(tenantId, load));
        }
    }

    private void Replace(string tenantId, TenantRuleSet entry)
    {
        while (true)
        {
            if (_entries.TryGetValue(tenantId, out var current))
            {
                if (_entries.TryUpdate(tenantId, entry, current))
                {
                    _retired.Enqueue(current);
                    return;
                }
            }
            else if (_entries.TryAdd(tenantId, entry))
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Compiled {RuleCount} rules of tenant {TenantId} at rule-set version {Version}")]
    private partial void LogLoaded(string tenantId, long version, int ruleCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the rule-set version of tenant {TenantId}; version {Version}, confirmed {Age} ago, stays in use")]
    private partial void LogRevalidationFailed(Exception exception, string tenantId, long version, TimeSpan age);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Table storage unavailable; the rule-set version of tenant {TenantId} was not checked; version {Version}, confirmed {Age} ago, stays in use ({Reason}); {Unlogged} earlier storage failures not logged")]
    private partial void LogRevalidationUnavailable(string tenantId, long version, TimeSpan age, string reason, int unlogged);

    /// <summary>A load in flight, shared by everyone who needs the tenant's rules meanwhile.</summary>
    private sealed class LoadOperation
    {
        // Published before the load starts, so that whoever finds the operation can await it.
        private readonly TaskCompletionSource<TenantRuleSet> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _invalidated;

        public Task<TenantRuleSet> Task => _completion.Task;

        public bool IsInvalidated => _invalidated;

        public void Invalidate() => _invalidated = true;

        /// <summary>Passes the load's outcome on; never throws, so it needs no awaiting.</summary>
        public async Task CompleteAsync(Task<TenantRuleSet> load)
        {
            try
            {
                _completion.TrySetResult(await load);
            }
            catch (Exception exception)
            {
                _completion.TrySetException(exception);
            }
        }
    }
}
