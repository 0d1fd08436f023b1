using System.Text;
using Azure.Data.Tables;
using RiskFunctions.Domain.FraudRings;

namespace RiskFunctions.Storage.FraudRings;

/// <summary>
/// One side of the ring graph: the rows that list who used an identifier, or what a user used. A row's edges share
/// one end (its partition's); each is stored as its other end and when it was last seen (UTC ticks), length-prefixed
/// UTF-8, little-endian, after a format byte.
/// </summary>
internal abstract class RingGraphSide
{
    private const byte Format = 1;

    public static RingGraphSide UsersOfEntity { get; } = new UsersOfEntitySide();

    public static RingGraphSide EntitiesOfUser { get; } = new EntitiesOfUserSide();

    /// <summary>The partition of the row that lists <paramref name="edge"/> on this side.</summary>
    public abstract string PartitionKey(string tenantId, RingEdge edge);

    /// <summary>The edge's other end, which tells it apart from the row's other edges.</summary>
    public abstract string OtherEnd(RingEdge edge);

    /// <summary>The edge as a row of the earlier layout (one row per edge) holds it; null for a row that is not one.</summary>
    public abstract RingEdge? FromLegacyRow(RingEdge anyOfTheRow, TableEntity row);

    public byte[] Encode(IEnumerable<RingEdge> edges)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            foreach (var edge in edges)
            {
                WriteOtherEnd(writer, edge);
                writer.Write(edge.SeenAt.UtcTicks);
            }
        }

        return stream.ToArray();
    }

    /// <summary>The row's edges; <paramref name="anyOfTheRow"/> gives the end they share.</summary>
    public List<RingEdge> Decode(RingEdge anyOfTheRow, byte[] payload)
    {
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
        var format = reader.ReadByte();
        if (format != Format)
        {
            throw new InvalidDataException($"A stored ring graph row has format {format}; this version reads format {Format}.");
        }

        var edges = new List<RingEdge>();
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            var edge = ReadOtherEnd(reader, anyOfTheRow);
            edges.Add(edge with { SeenAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero) });
        }

        return edges;
    }

    /// <summary>Bytes the edge takes in a row: its other end as written, and the time.</summary>
    public int EncodedSize(RingEdge edge) => OtherEndSize(edge) + sizeof(long);

    protected abstract void WriteOtherEnd(BinaryWriter writer, RingEdge edge);

    protected abstract RingEdge ReadOtherEnd(BinaryReader reader, RingEdge anyOfTheRow);

    protected abstract int OtherEndSize(RingEdge edge);

    /// <summary>A string as <see cref="BinaryWriter.Write(string)"/> writes it: a 7-bit length prefix (at most 5 bytes) and UTF-8.</summary>
    protected static int StringSize(string value) => 5 + Encoding.UTF8.GetByteCount(value);

    private sealed class UsersOfEntitySide : RingGraphSide
    {
        public override string PartitionKey(string tenantId, RingEdge edge) => FraudRingsTable.UsersOf(tenantId, edge.Entity);

        public override string OtherEnd(RingEdge edge) => edge.UserId;

        public override RingEdge? FromLegacyRow(RingEdge anyOfTheRow, TableEntity row) => FraudRingsTable.FromLegacyUserRow(anyOfTheRow.Entity, row);

        protected override void WriteOtherEnd(BinaryWriter writer, RingEdge edge) => writer.Write(edge.UserId);

        protected override RingEdge ReadOtherEnd(BinaryReader reader, RingEdge anyOfTheRow) => anyOfTheRow with { UserId = reader.ReadString() };

        protected override int OtherEndSize(RingEdge edge) => StringSize(edge.UserId);
    }

    private sealed class EntitiesOfUserSide : RingGraphSide
    {
        public override string PartitionKey(string tenantId, RingEdge edge) => FraudRingsTable.EntitiesOf(tenantId, edge.UserId);

        public override string OtherEnd(RingEdge edge) => string.Concat(edge.Entity.Kind.Code(), "\n", edge.Entity.Value);

        public override RingEdge? FromLegacyRow(RingEdge anyOfTheRow, TableEntity row) => FraudRingsTable.FromLegacyEntityRow(anyOfTheRow.UserId, row);

        protected override void WriteOtherEnd(BinaryWriter writer, RingEdge edge)
        {
            writer.Write(edge.Entity.Kind.Code());
            writer.Write(edge.Entity.Value);
        }

        protected override RingEdge ReadOtherEnd(BinaryReader reader, RingEdge anyOfTheRow)
        {
            var code = reader.ReadString();
            var kind = LinkKinds.FromCode(code) ?? throw new InvalidDataException($"A stored ring graph row names an unknown link kind '{code}'.");
            return anyOfTheRow with { Entity = new LinkEntity(kind, reader.ReadString()) };
        }

        protected override int OtherEndSize(RingEdge edge) => StringSize(edge.Entity.Kind.Code()) + StringSize(edge.Entity.Value);
    }
}
