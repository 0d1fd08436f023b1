using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Serialization;

/// <summary>
/// The exact wire spellings of a contract enum, taken from the <see cref="JsonStringEnumMemberNameAttribute"/> on
/// each member. Use it wherever an enum meets text outside the JSON body (query strings, table columns, messages).
/// </summary>
/// <typeparam name="TEnum">A contract enum whose every member carries a wire name.</typeparam>
public static class WireEnum<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum>
    where TEnum : struct, Enum
{
    private static readonly Member[] Members = LoadMembers();
    private static readonly FrozenDictionary<TEnum, Member> ByValue = Members.ToFrozenDictionary(m => m.Value);
    private static readonly FrozenDictionary<string, TEnum> ByName =
        Members.ToFrozenDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);

    /// <summary>Every wire spelling, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Members.Select(m => m.Name).ToArray());

    /// <summary>The message given when a value is not one of <see cref="Names"/>: <c>must be one of A, B, C</c>.</summary>
    public static string ExpectedMessage { get; } = "must be one of " + string.Join(", ", Members.Select(m => m.Name));

    /// <summary>The wire spelling of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a declared member.</exception>
    public static string GetName(TEnum value) => Find(value).Name;

    /// <summary>Parses an exact, case-sensitive wire spelling. Integers and other casings are not accepted.</summary>
    public static bool TryParse(string? name, out TEnum value)
    {
        if (name is not null && ByName.TryGetValue(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    internal static JsonEncodedText GetEncodedName(TEnum value) => Find(value).Encoded;

    internal static bool TryRead(ref Utf8JsonReader reader, out TEnum value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            // Comparing the raw UTF-8 against each spelling avoids allocating a string per value read.
            foreach (var member in Members)
            {
                if (reader.ValueTextEquals(member.Encoded.EncodedUtf8Bytes))
                {
                    value = member.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static Member Find(TEnum value) =>
        ByValue.TryGetValue(value, out var member)
            ? member
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name} has no member with this value.");

    private static Member[] LoadMembers()
    {
        var fields = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static);
        var members = new Member[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var name = fields[i].GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? throw new InvalidOperationException(
                    $"{typeof(TEnum).Name}.{fields[i].Name} has no JsonStringEnumMemberName: every contract enum member needs its wire spelling.");
            members[i] = new Member((TEnum)fields[i].GetValue(null)!, name, JsonEncodedText.Encode(name));
        }

        return members;
    }

    private readonly record struct Member(TEnum Value, string Name, JsonEncodedText Encoded);
}
