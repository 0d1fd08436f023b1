using Azure.Data.Tables;

namespace RiskFunctions.Storage;

/// <summary>
/// Stores a byte payload larger than one binary property (64 KiB) across numbered properties
/// <c>{name}0</c>, <c>{name}1</c>, ... with the count in <c>{name}Chunks</c>; an entity holds up to 1 MiB.
/// </summary>
internal static class BinaryChunks
{
    public const int ChunkSize = 64 * 1024;

    /// <summary>Most bytes a payload may have (leaves room in the 1 MiB entity for the other properties).</summary>
    public const int MaxBytes = 12 * ChunkSize;

    public static void Write(TableEntity entity, string name, ReadOnlyMemory<byte> payload)
    {
        if (payload.Length > MaxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, $"A stored document holds at most {MaxBytes} bytes.");
        }

        var chunks = (payload.Length + ChunkSize - 1) / ChunkSize;
        for (var i = 0; i < chunks; i++)
        {
            var start = i * ChunkSize;
            entity[name + i] = payload.Slice(start, Math.Min(ChunkSize, payload.Length - start)).ToArray();
        }

        entity[name + "Chunks"] = chunks;
    }

    /// <summary>Whether the entity holds a payload named <paramref name="name"/>.</summary>
    public static bool Has(TableEntity entity, string name) => entity.GetInt32(name + "Chunks") is not null;

    /// <summary>The payload, or <c>null</c> when the entity has none.</summary>
    public static byte[]? Read(TableEntity entity, string name)
    {
        if (entity.GetInt32(name + "Chunks") is not { } chunks)
        {
            return null;
        }

        var parts = new byte[chunks][];
        var length = 0;
        for (var i = 0; i < chunks; i++)
        {
            parts[i] = entity.GetBinary(name + i) ?? throw new InvalidDataException($"Stored document {name} is missing chunk {i}.");
            length += parts[i].Length;
        }

        if (chunks == 1)
        {
            return parts[0];
        }

        var payload = new byte[length];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(payload, offset);
            offset += part.Length;
        }

        return payload;
    }
}
