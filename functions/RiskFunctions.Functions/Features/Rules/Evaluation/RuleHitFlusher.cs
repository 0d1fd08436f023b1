using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using RiskFunctions.Storage.Rules;

namespace RiskFunctions.Functions.Features.Rules.Evaluation;

/// <summary>
/// Adds the hit counts aggregated in memory to the stored counters every <see cref="RulesOptions.HitFlushInterval"/>
/// and once more on a clean shutdown, so counting costs no storage write per action.
/// </summary>
/// <remarks>
/// What can be lost: the counts of the last interval when the process dies without a clean shutdown. Nothing is
/// counted twice: the counts of a rule go out as a batch (<see cref="RuleHitFlush"/>) that stays in flight, and is
/// sent again unchanged after a failure, until the store acknowledges it; counts collected meanwhile wait for the
/// next batch, because a failed write may have been applied, and the store recognizes a batch it already holds.
/// Counts of replaced or evicted rule sets are collected for two rounds (evaluations still running on them finish
/// meanwhile) and then dropped.
/// </remarks>
internal sealed partial class RuleHitFlusher : BackgroundService
{
    private readonly string _writerId = RuleHitFlush.NewId();
    private readonly Dictionary<HitKey, RuleHitCounts> _collected = [];
    private readonly Dictionary<HitKey, RuleHitFlush> _inFlight = [];
    private readonly List<(TenantRuleSet Entry, int Rounds)> _retired = [];
    // Never disposed: a final flush may still run while the container disposes its singletons, and a
    // SemaphoreSlim whose wait handle is never requested holds nothing that needs releasing.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RuleSetCache _cache;
    private readonly RuleHitStore _store;
    private readonly TimeProvider _time;
    private readonly RulesOptions _options;
    private readonly ILogger<RuleHitFlusher> _logger;

    public RuleHitFlusher(RuleSetCache cache, RuleHitStore store, TimeProvider time, IOptions<RulesOptions> options, ILogger<RuleHitFlusher> logger)
    {
        _cache = cache;
        _store = store;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Collects every count gathered so far and stores it; counts that fail to store wait for the next round.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => FlushAsync(tenantId: null, cancellationToken);

    /// <summary>
    /// Stores the counts of <paramref name="tenantId"/>'s rules gathered so far, for a read of them that must be exact on
    /// this instance; other tenants' counts wait for the next round, so one tenant's read never writes another's.
    /// </summary>
    public Task FlushTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return FlushAsync(tenantId, cancellationToken);
    }

    private async Task FlushAsync(string? tenantId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Collect();
            var keys = _inFlight.Keys.Union(_collected.Keys).Where(key => tenantId is null || key.TenantId == tenantId).ToList();
            foreach (var key in keys)
            {
                await SendAsync(key, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends the key's batch in flight until acknowledged, then its collected counts as the next batch.</summary>
    private async Task SendAsync(HitKey key, CancellationToken cancellationToken)
    {
        while (_inFlight.TryGetValue(key, out var flush) || TryStartBatch(key, out flush))
        {
            try
            {
                if (!await _store.AddAsync(key.TenantId, key.RuleId, flush, cancellationToken))
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFlushFailed(exception, key.TenantId, key.RuleId);
                return;
            }

            _inFlight.Remove(key);
        }
    }

    private bool TryStartBatch(HitKey key, [NotNullWhen(true)] out RuleHitFlush? flush)
    {
        flush = _collected.Remove(key, out var counts) ? RuleHitFlush.Start(_writerId, counts) : null;
        if (flush is not null)
        {
            _inFlight[key] = flush;
        }

        return flush is not null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.HitFlushInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync flushes once more.
        }
    }

    private void Collect()
    {
        foreach (var entry in _cache.TakeRetired())
        {
            _retired.Add((entry, 0));
        }

        _cache.EvictIdle(_time.GetTimestamp() - (long)(_options.IdleEviction.TotalSeconds * _time.TimestampFrequency));
        foreach (var entry in _cache.Entries)
        {
            Take(entry);
        }

        for (var i = _retired.Count - 1; i >= 0; i--)
        {
            Take(_retired[i].Entry);
            _retired[i] = (_retired[i].Entry, _retired[i].Rounds + 1);
            if (_retired[i].Rounds >= 2)
            {
                _retired.RemoveAt(i);
            }
        }
    }

    private void Take(TenantRuleSet entry)
    {
        foreach (var (rule, production, preview, lastHitTicks) in entry.TakeHits())
        {
            var key = new HitKey(entry.TenantId, rule.Id, rule.Revision);
            var lastHit = lastHitTicks == 0 ? (DateTimeOffset?)null : new DateTimeOffset(lastHitTicks, TimeSpan.Zero);
            _collected[key] = _collected.TryGetValue(key, out var earlier)
                ? earlier.Add(production, preview, lastHit)
                : new RuleHitCounts(rule.Revision, production, preview, lastHit);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store hit counts of rule {RuleId} of tenant {TenantId}; the same batch is sent again on the next flush")]
    private partial void LogFlushFailed(Exception exception, string tenantId, string ruleId);

    private readonly record struct HitKey(string TenantId, string RuleId, long Revision);
}
