using System.Collections.Concurrent;
using Azure;
using RiskFunctions.Storage.Models;

namespace RiskFunctions.Learning;

/// <summary>
/// Each instance's view of the tenants' current models, swapped without a restart: a tenant's model is read
/// from <see cref="TenantModelStore"/> on first use and checked again once <see cref="RefreshInterval"/> has
/// passed (a conditional read: an unchanged model costs a 304). A model that cannot be read or loaded leaves
/// the previous one in place (none: the hand-tuned model scores), so storage trouble never stops scoring.
/// Thread-safe.
/// </summary>
public sealed class TenantModelProvider
{
    private readonly TenantModelStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public TenantModelProvider(TenantModelStore store, TimeProvider time, TimeSpan refreshInterval)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(refreshInterval, TimeSpan.Zero);
        _store = store;
        _time = time;
        RefreshInterval = refreshInterval;
    }

    /// <summary>How long a tenant's model is used before the store is asked whether it changed.</summary>
    public TimeSpan RefreshInterval { get; }

    /// <summary>The tenant's current model, or <c>null</c> while it has none.</summary>
    public async ValueTask<TreeEnsembleModel?> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var now = _time.GetUtcNow();
        if (_entries.TryGetValue(tenantId, out var entry) && now - entry.CheckedAt < RefreshInterval)
        {
            return entry.Model;
        }

        var refreshed = await RefreshAsync(tenantId, entry, now, cancellationToken).ConfigureAwait(false);
        _entries[tenantId] = refreshed;
        return refreshed.Model;
    }

    /// <summary>Forgets what was read for <paramref name="tenantId"/>, so the next use reads the store (after training here).</summary>
    public void Invalidate(string tenantId) => _entries.TryRemove(tenantId, out _);

    private async Task<Entry> RefreshAsync(string tenantId, Entry? previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await _store.GetCurrentAsync(tenantId, previous?.ETag, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return new Entry(null, null, now);
            }

            if (stored.Unchanged)
            {
                return previous! with { CheckedAt = now };
            }

            try
            {
                var model = TreeEnsembleModel.Load(RiskModelDocument.FromJson(stored.Content!.ToMemory().Span));
                return new Entry(model, stored.ETag, now);
            }
            catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException)
            {
                // A document this instance cannot use (another schema, a newer format): keep what it had, and do
                // not download the same document again until it changes.
                return new Entry(previous?.Model, stored.ETag, now);
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Storage trouble (retries that all failed in transport surface as an AggregateException, a network timeout
            // as a cancellation): keep scoring with what this instance has and ask again at the next interval.
            return previous is null ? new Entry(null, null, now) : previous with { CheckedAt = now };
        }
    }

    private sealed record Entry(TreeEnsembleModel? Model, ETag? ETag, DateTimeOffset CheckedAt);
}
