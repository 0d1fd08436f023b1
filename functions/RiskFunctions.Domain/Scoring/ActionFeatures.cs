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

    [InlineArray(FeatureKinds.Count)]
    internal struct KeyArray
    {
        private string? _element;
    }
}
