using System.Buffers;
using System.Globalization;
using System.Text;

namespace RiskFunctions.Storage.TableSupport;

/// <summary>
/// Reversible encoding of user values for PartitionKey and RowKey, which may not contain <c>/ \ # ?</c> or control
/// characters (U+0000-001F, U+007F-009F).
/// </summary>
/// <remarks>
/// <para>
/// Percent-style escaping: each forbidden character, <c>%</c> itself and the component separator <c>|</c> become
/// <c>%XX</c> (two upper-case hex digits); a lone UTF-16 surrogate, which has no UTF-8 form, becomes <c>%uXXXX</c>.
/// Everything else passes through unchanged.
/// </para>
/// <para>
/// Chosen over base64url because it works character by character: the encoding of a prefix is a prefix of the
/// encoding, so <c>ge/lt</c> prefix ranges over encoded keys still find what a prefix of the raw value would, keys stay
/// readable in storage tools, and ordinary values (ids, e-mail addresses, IPs) are stored as they are, at no size
/// cost. Base64 would scramble ordering and prefixes and grow every key by a third.
/// </para>
/// </remarks>
public static class TableKeyEncoder
{
    /// <summary>The separator <see cref="Join"/> puts between encoded components; never present inside one.</summary>
    public const char Separator = '|';

    private static readonly SearchValues<char> Escaped = SearchValues.Create(BuildEscapedSet(includeEncoderOnly: true));
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(BuildEscapedSet(includeEncoderOnly: false));

    /// <summary>Encodes a user value so that it is a valid key (or key component).</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny(Escaped) < 0 && !HasLoneSurrogate(value))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    builder.Append(c).Append(value[++i]);
                }
                else
                {
                    builder.Append("%u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
            }
            else if (Escaped.Contains(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Reverses <see cref="Encode"/>. Throws <see cref="FormatException"/> on a malformed escape.</summary>
    public static string Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var escape = encoded.IndexOf('%', StringComparison.Ordinal);
        if (escape < 0)
        {
            return encoded;
        }

        var builder = new StringBuilder(encoded.Length);
        builder.Append(encoded, 0, escape);
        for (var i = escape; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c != '%')
            {
                builder.Append(c);
                continue;
            }

            var wide = i + 1 < encoded.Length && encoded[i + 1] == 'u';
            var start = wide ? i + 2 : i + 1;
            var digits = wide ? 4 : 2;
            if (start + digits > encoded.Length ||
                !int.TryParse(encoded.AsSpan(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw new FormatException($"Malformed escape at position {i} of encoded key '{encoded}'.");
            }

            builder.Append((char)code);
            i = start + digits - 1;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Encodes each component and joins them with <see cref="Separator"/>: <c>Join(tenant, "ip", value)</c>. Components
    /// cannot collide, because no encoded component contains the separator.
    /// </summary>
    public static string Join(params ReadOnlySpan<string> components)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < components.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(Separator);
            }

            builder.Append(Encode(components[i]));
        }

        return builder.ToString();
    }

    /// <summary>Splits a key made by <see cref="Join"/> and decodes its components.</summary>
    public static string[] Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return [.. key.Split(Separator).Select(Decode)];
    }

    /// <summary>Whether the service accepts <paramref name="key"/> as a key (characters only; see <see cref="TableEntityLimits"/>).</summary>
    public static bool IsValidKey(string key) => IndexOfForbidden(key) < 0;

    /// <summary>The position of the first character the service forbids in keys, or -1.</summary>
    public static int IndexOfForbidden(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.AsSpan().IndexOfAny(Forbidden);
    }

    private static bool HasLoneSurrogate(string value)
    {
        var span = value.AsSpan();
        var index = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (index < 0)
        {
            return false;
        }

        for (span = span[index..]; !span.IsEmpty;)
        {
            if (Rune.DecodeFromUtf16(span, out _, out var consumed) != OperationStatus.Done)
            {
                return true;
            }

            span = span[consumed..];
        }

        return false;
    }

    private static string BuildEscapedSet(bool includeEncoderOnly)
    {
        var builder = new StringBuilder("/\\#?");
        for (var c = '\u0000'; c <= '\u001F'; c++)
        {
            builder.Append(c);
        }

        for (var c = '\u007F'; c <= '\u009F'; c++)
        {
            builder.Append(c);
        }

        if (includeEncoderOnly)
        {
            builder.Append('%').Append(Separator);
        }

        return builder.ToString();
    }
}
