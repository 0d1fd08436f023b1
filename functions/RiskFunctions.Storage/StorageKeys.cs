using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage;

/// <summary>How repositories turn user values, feature keys and times into bounded, valid key components.</summary>
internal static class StorageKeys
{
    /// <summary>Longest encoded component kept as it is; longer ones are hashed so every key stays far below 1 KiB.</summary>
    public const int MaxComponentLength = 200;

    private const char HashedPrefix = '~';

    /// <summary>
    /// A raw user value (an id, an address) as one key component: encoded for the Table service, or, when
    /// that is longer than <see cref="MaxComponentLength"/> or starts with <c>~</c>, <c>~</c> and 32 hex digits
    /// of its SHA-256, so hashed and verbatim components can never be confused.
    /// </summary>
    public static string Value(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var encoded = TableKeyEncoder.Encode(value);
        return encoded.Length <= MaxComponentLength && encoded[0] != HashedPrefix ? encoded : Hashed(value);
    }

    /// <summary>
    /// A feature key of the scoring model as one key component. Feature keys already reserve a leading <c>~</c>
    /// for their own hashes; only keys too long once encoded are hashed here.
    /// </summary>
    public static string Feature(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var encoded = TableKeyEncoder.Encode(key);
        return encoded.Length <= MaxComponentLength ? encoded : Hashed(key);
    }

    /// <summary>
    /// A row-key prefix that sorts newest first: the ticks left until <see cref="DateTimeOffset.MaxValue"/>,
    /// 19 digits, so a range scan reads the most recent rows first.
    /// </summary>
    public static string InvertedTime(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static string Hashed(string value) =>
        HashedPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
}
