using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// Builds the feature keys of an action. A hierarchical key is its parent's key, <c>|</c>, and its own
/// component (<c>US|AS174|160.221.187.219</c>), so a child's count can never exceed its parent's. In
/// components <c>%</c>, <c>|</c> and <c>~</c> are percent-encoded, which reserves keys starting with
/// <c>~</c> for hashed values and storage bookkeeping. Values longer than
/// <see cref="MaxRawComponentLength"/> (long device ids) and every user-agent string are replaced by
/// <c>~</c> and 32 hex digits of their SHA-256, keeping keys short and free of hostile characters.
/// </summary>
public static class FeatureKeys
{
    /// <summary>Component value used where a level of a hierarchy is unknown (an IP without ASN data).</summary>
    public const string Unknown = "-";

    /// <summary>Longest component kept verbatim; longer ones are hashed.</summary>
    public const int MaxRawComponentLength = 128;

    /// <summary>Prefix of keys that never come from a value: hashed components and bookkeeping rows.</summary>
    public const char ReservedPrefix = '~';

    private const char Separator = '|';

    /// <summary>The feature keys of <paramref name="action"/>.</summary>
    public static ActionFeatures From(ActionFacts action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var keys = default(ActionFeatures.KeyArray);

        var network = action.Network;
        if (!string.IsNullOrEmpty(network.Ip))
        {
            var country = Component(network.Country);
            var asn = Join(country, Component(network.Asn));
            keys[(int)FeatureKind.Country] = country;
            keys[(int)FeatureKind.Asn] = asn;
            keys[(int)FeatureKind.Ip] = Join(asn, Component(network.Ip));
        }

        var client = action.Client;
        if (!string.IsNullOrEmpty(client.UserAgent))
        {
            var platform = Component(client.Platform);
            var os = JoinNamed(platform, client.OsName, client.OsVersion);
            var browser = JoinNamed(os, client.BrowserName, client.BrowserVersion);
            keys[(int)FeatureKind.Platform] = platform;
            keys[(int)FeatureKind.Os] = os;
            keys[(int)FeatureKind.Browser] = browser;
            Span<char> hash = stackalloc char[HashedLength];
            WriteHash(client.UserAgent, hash);
            keys[(int)FeatureKind.UserAgent] = string.Concat(browser, "|", hash);
        }

        keys[(int)FeatureKind.Device] = Identifier(action.DeviceId);
        keys[(int)FeatureKind.Fingerprint] = Identifier(action.DeviceFingerprint);
        keys[(int)FeatureKind.PublicKey] = Identifier(action.DevicePublicKey);
        return new ActionFeatures(keys);
    }

    /// <summary>The key of a stand-alone identifier (device id, fingerprint, public key), or <c>null</c>.</summary>
    public static string? Identifier(string? value) => string.IsNullOrEmpty(value) ? null : Component(value);

    /// <summary><c>parent|name version</c>, built in one allocation when nothing needs escaping.</summary>
    private static string JoinNamed(string parent, string? name, string? version)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Join(parent, Unknown);
        }

        if (string.IsNullOrEmpty(version))
        {
            return Join(parent, Component(name));
        }

        var plain = name.Length + 1 + version.Length <= MaxRawComponentLength
            && name.AsSpan().IndexOfAny('%', Separator, ReservedPrefix) < 0
            && version.AsSpan().IndexOfAny('%', Separator, ReservedPrefix) < 0;
        return plain ? string.Concat(parent, "|", name, " ", version) : Join(parent, Component(string.Concat(name, " ", version)));
    }

    private static string Join(string parent, string child) => string.Concat(parent, "|", child);

    private static string Component(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Unknown;
        }

        if (value.Length > MaxRawComponentLength)
        {
            return Hash(value);
        }

        return value.AsSpan().IndexOfAny('%', Separator, ReservedPrefix) < 0 ? value : Escape(value);
    }

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '%' => builder.Append("%25"),
                Separator => builder.Append("%7C"),
                ReservedPrefix => builder.Append("%7E"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private const int HashedLength = 33;

    private static string Hash(string value)
    {
        Span<char> key = stackalloc char[HashedLength];
        WriteHash(value, key);
        return new string(key);
    }

    private static void WriteHash(string value, Span<char> destination)
    {
        const int StackLimit = 1024;
        var byteCount = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = byteCount <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            var written = Encoding.UTF8.GetBytes(value, buffer);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], digest);
            destination[0] = ReservedPrefix;
            Convert.TryToHexStringLower(digest[..16], destination[1..], out _);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
