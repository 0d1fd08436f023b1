using RiskFunctions.Domain.Contract.Actions;

namespace RiskFunctions.Domain.Actions;

/// <summary>
/// Keeps the custom attributes that are stored and echoed: the contract says invalid attributes are
/// ignored, so names that are empty, too long or hold control characters, over-long texts, and
/// attributes beyond <see cref="ActionLimits.MaxCustomAttributes"/> are dropped rather than rejected.
/// </summary>
public static class CustomAttributeFilter
{
    public static IReadOnlyDictionary<string, CustomAttributeValue>? Keep(IReadOnlyDictionary<string, CustomAttributeValue>? attributes)
    {
        if (attributes is null)
        {
            return null;
        }

        var kept = new Dictionary<string, CustomAttributeValue>(StringComparer.Ordinal);
        foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (kept.Count == ActionLimits.MaxCustomAttributes)
            {
                break;
            }

            var validName = name.Length is > 0 and <= ActionLimits.MaxCustomAttributeNameLength && !name.Any(char.IsControl);
            var validValue = value.Kind != CustomAttributeKind.String || value.AsString().Length <= ActionLimits.MaxCustomAttributeTextLength;
            if (validName && validValue)
            {
                kept[name] = value;
            }
        }

        return kept;
    }
}
