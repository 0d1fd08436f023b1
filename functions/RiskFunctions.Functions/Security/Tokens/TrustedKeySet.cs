using Microsoft.IdentityModel.Tokens;

namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>
/// An immutable snapshot of one issuer's verification keys by <c>kid</c>, each bound to the one algorithm it
/// verifies (<see cref="JwtAlgorithms.Of"/>); keys without a kid or of another kind are left out. A new
/// snapshot replaces the old one on rotation or refresh, so "is this key still trusted" is a reference comparison.
/// </summary>
public sealed class TrustedKeySet
{
    private readonly Dictionary<string, TrustedKey> _keys;

    public TrustedKeySet(IEnumerable<SecurityKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = new Dictionary<string, TrustedKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!string.IsNullOrEmpty(key.KeyId) && IsForSignatures(key) && JwtAlgorithms.Of(key) is { } algorithm)
            {
                _keys.TryAdd(key.KeyId, new TrustedKey(key, algorithm));
            }
        }
    }

    public static TrustedKeySet Empty { get; } = new([]);

    public int Count => _keys.Count;

    public IEnumerable<SecurityKey> Keys => _keys.Values.Select(key => key.Key);

    public TrustedKey? Find(string kid) => _keys.GetValueOrDefault(kid);

    private static bool IsForSignatures(SecurityKey key) =>
        key is not JsonWebKey jwk || string.IsNullOrEmpty(jwk.Use) || string.Equals(jwk.Use, JsonWebKeyUseNames.Sig, StringComparison.Ordinal);
}

/// <summary>A verification key and the only algorithm it is trusted for.</summary>
public sealed record TrustedKey(SecurityKey Key, string Algorithm);
