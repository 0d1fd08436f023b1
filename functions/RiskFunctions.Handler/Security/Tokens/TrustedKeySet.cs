namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>
/// An immutable snapshot of one issuer's verification keys by <c>kid</c>. A new snapshot replaces the old
/// one on rotation or refresh, so "is this key still trusted" is a reference comparison.
/// </summary>
public sealed class TrustedKeySet
{
    private readonly Dictionary<string, SigningKey> _keys;

    public TrustedKeySet(IEnumerable<SigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            _keys.TryAdd(key.KeyId, key);
        }
    }

    public static TrustedKeySet Empty { get; } = new([]);

    public IReadOnlyCollection<SigningKey> Keys => _keys.Values;

    public SigningKey? Find(string kid) => _keys.GetValueOrDefault(kid);
}
