using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RiskFunctions.Functions.Security.Abuse;

/// <summary>
/// Counts each client's invalid, unknown or expired action tokens in a sliding window and blocks the
/// client for a cool-down once it crosses the threshold (the 463 answer). State is per instance and
/// bounded; it is a brake on misbehaving integrations and enumeration, not an accounting system.
/// </summary>
public sealed class ActionTokenAbuseTracker(IOptions<ActionTokenAbuseOptions> options, TimeProvider time, SecurityMetrics metrics)
{
    private readonly ActionTokenAbuseOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, ClientState> _clients = new(StringComparer.Ordinal);

    /// <summary>The client's current block, if it is in cool-down.</summary>
    public ActionTokenBlock? GetBlock(string clientKey)
    {
        if (!_clients.TryGetValue(clientKey, out var state))
        {
            return null;
        }

        lock (state)
        {
            return state.Block is { } block && time.GetUtcNow() < block.Until ? block : null;
        }
    }

    /// <summary>Records one bad action token; returns the block when this failure started one.</summary>
    public ActionTokenBlock? RecordFailure(string clientKey, int status, string message)
    {
        var now = time.GetUtcNow();
        if (_clients.Count >= _options.MaxTrackedClients && !_clients.ContainsKey(clientKey))
        {
            Prune(now);
        }

        var state = _clients.GetOrAdd(clientKey, static _ => new ClientState());
        lock (state)
        {
            state.LastSeen = now;
            if (state.Block is { } current && now < current.Until)
            {
                return null;
            }

            var windowStart = now - _options.Window;
            while (state.Failures.Count > 0 && state.Failures.Peek() <= windowStart)
            {
                state.Failures.Dequeue();
            }

            state.Failures.Enqueue(now);
            if (state.Failures.Count < _options.Threshold)
            {
                return null;
            }

            state.Failures.Clear();
            state.Block = new ActionTokenBlock(now + _options.CoolDown, status, message);
            metrics.Blacklisted();
            return state.Block;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        var idleSince = now - _options.Window - _options.CoolDown;
        foreach (var (key, state) in _clients)
        {
            if (state.LastSeen < idleSince)
            {
                _clients.TryRemove(key, out _);
            }
        }

        // Still full of active clients: forget the oldest half rather than grow without bound.
        if (_clients.Count >= _options.MaxTrackedClients)
        {
            foreach (var key in _clients.OrderBy(pair => pair.Value.LastSeen).Take(_clients.Count / 2).Select(pair => pair.Key).ToList())
            {
                _clients.TryRemove(key, out _);
            }
        }
    }

    private sealed class ClientState
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public ActionTokenBlock? Block { get; set; }

        public DateTimeOffset LastSeen { get; set; }
    }
}
