using System.Text;
using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// A profile's feature values as one binary payload (the profile row's <c>V</c> chunks): a format byte, then per value
/// its kind's storage code, its key (length-prefixed UTF-8), count, children and first/last seen (UTC ticks), little-endian.
/// At the caps (64 values of each of the 10 kinds, keys of at most a few hundred bytes) it stays well inside one row.
/// </summary>
internal static class ProfileValuesEncoding
{
    private const byte Format = 1;

    public static byte[] Encode(UserProfile profile)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            foreach (var kind in FeatureKinds.All)
            {
                foreach (var (key, stats) in profile.Values(kind))
                {
                    writer.Write(kind.Code());
                    writer.Write(key);
                    writer.Write(stats.Count);
                    writer.Write(stats.Children);
                    writer.Write(stats.FirstSeen.UtcTicks);
                    writer.Write(stats.LastSeen.UtcTicks);
                }
            }
        }

        return stream.ToArray();
    }

    public static void Decode(byte[] payload, UserProfile.Builder builder)
    {
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
        var format = reader.ReadByte();
        if (format != Format)
        {
            throw new InvalidDataException($"Stored profile values have format {format}; this version reads format {Format}.");
        }

        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            var code = reader.ReadString();
            if (!FeatureKinds.TryParseCode(code, out var kind))
            {
                throw new InvalidDataException($"Stored profile values name an unknown feature kind '{code}'.");
            }

            var key = reader.ReadString();
            var stats = new FeatureStats(
                reader.ReadInt64(),
                reader.ReadInt32(),
                new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero),
                new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero));
            builder.WithValue(kind, key, stats);
        }
    }
}
