using System.Runtime.CompilerServices;

namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// The feature keys of one action, one per <see cref="FeatureKind"/> (<c>null</c> where the action does
/// not carry that feature). Built by <see cref="FeatureKeys.From"/>; the same keys address the user's
/// profile rows and the tenant population counts.
/// </summary>
public readonly struct ActionFeatures
{
    private readonly KeyArray _keys;

    internal ActionFeatures(KeyArray keys) => _keys = keys;

    public string? this[FeatureKind kind] => _keys[(int)kind];

    /// <summary>Whether the action carries a value for <paramref name="kind"/>.</summary>
    public bool Has(FeatureKind kind) => _keys[(int)kind] is not null;

    /// <summary>Features from keys stored earlier with <see cref="ToKeys"/> (indexed by <see cref="FeatureKind"/>).</summary>
    public static ActionFeatures FromKeys(IReadOnlyList<string?> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var array = default(KeyArray);
        for (var i = 0; i < FeatureKinds.Count && i < keys.Count; i++)
        {
            array[i] = string.IsNullOrEmpty(keys[i]) ? null : keys[i];
        }

        return new ActionFeatures(array);
    }

    /// <summary>The keys indexed by <see cref="FeatureKind"/>, for storing with the action.</summary>
    public string?[] ToKeys()
    {
        var keys = new string?[FeatureKinds.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = _keys[i];
        }

        return keys;
    }

    [InlineArray(FeatureKinds.Count)]
    internal struct KeyArray
    {
        private string? _element;
    }
}
