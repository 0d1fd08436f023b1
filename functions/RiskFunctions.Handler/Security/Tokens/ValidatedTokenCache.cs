using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>
/// Remembers tokens whose signature and claims were already checked, so the request path pays for a
/// SHA-256 of the token and a dictionary lookup instead of an RSA/ECDSA verification.
/// </summary>
/// <remarks>
/// Keyed by the SHA-256 of the whole token (so a token differing in any byte misses), bounded by two
/// generations (when the current one fills it becomes the previous one and the oldest is dropped: an
/// approximate LRU with O(1) work and no background timer). A hit is honoured only while the token's
/// own nbf/exp window holds and its issuer still trusts the same key snapshot, so rotation or a JWKS
/// refresh invalidates what was cached under the old keys. Only successes are cached.
/// </remarks>
public sealed class ValidatedTokenCache
{
    private readonly int _generationSize;
    private readonly Lock _rotation = new();
    private ConcurrentDictionary<TokenDigest, CachedValidation> _current = new();
    private ConcurrentDictionary<TokenDigest, CachedValidation> _previous = new();
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

        var digest = TokenDigest.Of(token);
        if (!_current.TryGetValue(digest, out var entry))
        {
            if (!_previous.TryGetValue(digest, out entry))
            {
                return false;
            }

            Store(digest, entry);
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
            Store(TokenDigest.Of(token), new CachedValidation(claims, issuer, keys));
        }
    }

    private void Store(TokenDigest digest, CachedValidation entry)
    {
        if (Volatile.Read(ref _currentCount) >= _generationSize)
        {
            lock (_rotation)
            {
                if (_currentCount >= _generationSize)
                {
                    _previous = _current;
                    _current = new ConcurrentDictionary<TokenDigest, CachedValidation>();
                    _currentCount = 0;
                }
            }
        }

        if (_current.TryAdd(digest, entry))
        {
            Interlocked.Increment(ref _currentCount);
        }
    }

    private sealed record CachedValidation(RiskTokenClaims Claims, ITrustedIssuer Issuer, TrustedKeySet Keys);

    private readonly record struct TokenDigest(ulong A, ulong B, ulong C, ulong D)
    {
        public static TokenDigest Of(string token)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(MemoryMarshal.AsBytes(token.AsSpan()), hash);
            var words = MemoryMarshal.Cast<byte, ulong>(hash);
            return new TokenDigest(words[0], words[1], words[2], words[3]);
        }
    }
}
