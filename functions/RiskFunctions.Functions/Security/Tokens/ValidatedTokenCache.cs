using System.Collections.Concurrent;

namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>
/// Remembers tokens whose signature and claims were already checked, so the request path pays for a
/// dictionary lookup instead of an RSA/ECDSA verification.
/// </summary>
/// <remarks>
/// Keyed by the token text itself with full ordinal equality, so only the exact same token hits; the hash
/// covers just the token's tail (its signature, random-looking), which keeps hashing cheap. Collisions
/// there can only cost a comparison: entries are added after a successful validation, which an attacker
/// cannot produce at will. Bounded by two generations (when the current one fills it becomes the previous
/// one and the oldest is dropped: an approximate LRU with O(1) work and no timer). A hit is honoured only
/// while the token's own nbf/exp window holds and its issuer still trusts the same key snapshot, so a
/// rotation or a JWKS refresh invalidates what was cached under the old keys. Failures are never cached.
/// Memory: at most <c>capacity</c> tokens (about 1-2 KB each) per instance.
/// </remarks>
public sealed class ValidatedTokenCache
{
    private readonly int _generationSize;
    private readonly Lock _rotation = new();
    private ConcurrentDictionary<string, CachedValidation> _current = NewGeneration();
    private ConcurrentDictionary<string, CachedValidation> _previous = NewGeneration();
    private int _currentCount;

    /// <param name="capacity">Upper bound of remembered tokens; 0 disables the cache.</param>
    public ValidatedTokenCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _generationSize = capacity / 2;
    }

    public bool TryGet(string token, DateTimeOffset now, TimeSpan clockSkew, out RiskTokenClaims? claims)
    {
        claims = null;
        if (_generationSize == 0)
        {
            return false;
        }

        if (!_current.TryGetValue(token, out var entry))
        {
            if (!_previous.TryGetValue(token, out entry))
            {
                return false;
            }

            Store(token, entry);
        }

        if (now + clockSkew < entry.Claims.NotBefore
            || now - clockSkew >= entry.Claims.ExpiresAt
            || !ReferenceEquals(entry.Issuer.CurrentKeys, entry.Keys))
        {
            return false;
        }

        claims = entry.Claims;
        return true;
    }

    public void Add(string token, RiskTokenClaims claims, ITrustedIssuer issuer, TrustedKeySet keys)
    {
        if (_generationSize > 0)
        {
            Store(token, new CachedValidation(claims, issuer, keys));
        }
    }

    private void Store(string token, CachedValidation entry)
    {
        if (Volatile.Read(ref _currentCount) >= _generationSize)
        {
            lock (_rotation)
            {
                if (_currentCount >= _generationSize)
                {
                    _previous = _current;
                    _current = NewGeneration();
                    _currentCount = 0;
                }
            }
        }

        if (_current.TryAdd(token, entry))
        {
            Interlocked.Increment(ref _currentCount);
        }
    }

    private static ConcurrentDictionary<string, CachedValidation> NewGeneration() => new(TokenComparer.Instance);

    private sealed record CachedValidation(RiskTokenClaims Claims, ITrustedIssuer Issuer, TrustedKeySet Keys);

    /// <summary>Ordinal equality over the whole token; a (randomized) hash over its last characters only.</summary>
    private sealed class TokenComparer : IEqualityComparer<string>
    {
        private const int HashedTail = 64;

        public static TokenComparer Instance { get; } = new();

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string token) =>
            string.GetHashCode(token.AsSpan(Math.Max(0, token.Length - HashedTail)), StringComparison.Ordinal);
    }
}
