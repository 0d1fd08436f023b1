using System.Buffers.Binary;
using System.Text;
using Azure.Data.Tables;
using RiskFunctions.Storage.Reputation;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// A <see cref="SubjectState"/> as the <see cref="ActionIndexTable.StateRowKey"/> row of its subject's index partition:
/// the lists as big-endian binary properties (<c>Recent</c> 32 bytes an action, <c>Links</c> 8 bytes a hash,
/// <c>NewAccounts</c> 24 bytes, <c>LinkedFraud</c> 16 bytes), a user's <c>FirstSeen</c> ticks and its reach
/// (<c>Reach</c>, each device or address a kind byte, a big-endian 16-bit length and UTF-8 text; <c>ReachComplete</c>), and the reputation under
/// <see cref="ReputationProperties.StatePrefix"/>. The action path and label propagation each merge only what they own,
/// conditional on the row's ETag, so neither overwrites the other's part.
/// </summary>
internal static class SubjectStateEntity
{
    private const int RecentBytes = 32;
    private const int NewAccountBytes = 24;
    private const int LinkedFraudBytes = 16;
    private const byte ReachDevice = 1;
    private const byte ReachAddress = 2;

    /// <summary>What an action changes: recent actions, links, first seen, new accounts and fraud-labeled users.</summary>
    public static TableEntity ToActionEntity(string partitionKey, SubjectState state)
    {
        var entity = new TableEntity(partitionKey, ActionIndexTable.StateRowKey)
        {
            ["Recent"] = EncodeRecent(state.Recent),
            ["Links"] = Encode(state.Links, sizeof(ulong), static (entry, hash) => BinaryPrimitives.WriteUInt64BigEndian(entry, hash)),
            ["NewAccounts"] = Encode(state.NewAccounts, NewAccountBytes, static (entry, account) =>
            {
                BinaryPrimitives.WriteUInt64BigEndian(entry, account.User);
                BinaryPrimitives.WriteInt64BigEndian(entry[8..], account.FirstSeenTicks);
                BinaryPrimitives.WriteInt64BigEndian(entry[16..], account.LastTicks);
            }),
            ETag = state.ETag,
        };
        entity.SetIfPresent("FirstSeen", state.FirstSeenTicks);
        if (state.Reach is { } reach)
        {
            entity["Reach"] = EncodeReach(reach.Subjects);
            entity["ReachComplete"] = reach.Complete;
        }

        AddLinkedFraud(entity, state);
        return entity;
    }

    /// <summary>What label propagation changes on a device or address: its fraud-labeled users.</summary>
    public static TableEntity ToLinkedFraudEntity(string partitionKey, SubjectState state)
    {
        var entity = new TableEntity(partitionKey, ActionIndexTable.StateRowKey) { ETag = state.ETag };
        AddLinkedFraud(entity, state);
        return entity;
    }

    /// <summary>What a label changes on the subject itself: its reputation.</summary>
    public static TableEntity ToReputationEntity(string partitionKey, SubjectState state)
    {
        var entity = new TableEntity(partitionKey, ActionIndexTable.StateRowKey) { ETag = state.ETag };
        ReputationProperties.Write(entity, state.Reputation, ReputationProperties.StatePrefix);
        return entity;
    }

    /// <summary>What moving an action to another time changes: the recent actions.</summary>
    public static TableEntity ToRecentEntity(string partitionKey, SubjectState state) =>
        new(partitionKey, ActionIndexTable.StateRowKey)
        {
            ["Recent"] = EncodeRecent(state.Recent),
            ETag = state.ETag,
        };

    /// <summary>What the links migration changes: the links.</summary>
    public static TableEntity ToLinksEntity(string partitionKey, SubjectState state) =>
        new(partitionKey, ActionIndexTable.StateRowKey)
        {
            ["Links"] = Encode(state.Links, sizeof(ulong), static (entry, hash) => BinaryPrimitives.WriteUInt64BigEndian(entry, hash)),
            ETag = state.ETag,
        };

    public static SubjectState FromEntity(TableEntity entity) => new()
    {
        Recent = Decode(entity.GetBinary("Recent"), RecentBytes, static entry => new RecentAction(
            BinaryPrimitives.ReadInt64BigEndian(entry),
            BinaryPrimitives.ReadUInt64BigEndian(entry[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(entry[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(entry[24..]))),
        Links = Decode(entity.GetBinary("Links"), sizeof(ulong), static entry => BinaryPrimitives.ReadUInt64BigEndian(entry)),
        FirstSeenTicks = entity.GetInt64("FirstSeen"),
        NewAccounts = Decode(entity.GetBinary("NewAccounts"), NewAccountBytes, static entry => new NewAccount(
            BinaryPrimitives.ReadUInt64BigEndian(entry),
            BinaryPrimitives.ReadInt64BigEndian(entry[8..]),
            BinaryPrimitives.ReadInt64BigEndian(entry[16..]))),
        LinkedFraud = Decode(entity.GetBinary("LinkedFraud"), LinkedFraudBytes, static entry => new LinkedFraudUser(
            BinaryPrimitives.ReadUInt64BigEndian(entry),
            BinaryPrimitives.ReadInt64BigEndian(entry[8..]))),
        Reach = entity.GetBoolean("ReachComplete") is { } complete ? new UserReach(DecodeReach(entity.GetBinary("Reach")), complete) : null,
        Reputation = ReputationProperties.Read(entity, ReputationProperties.StatePrefix),
        ETag = entity.ETag,
    };

    private static byte[] EncodeRecent(IReadOnlyList<RecentAction> recent) => Encode(recent, RecentBytes, static (entry, action) =>
    {
        BinaryPrimitives.WriteInt64BigEndian(entry, action.Ticks);
        BinaryPrimitives.WriteUInt64BigEndian(entry[8..], action.Token);
        BinaryPrimitives.WriteUInt64BigEndian(entry[16..], action.User);
        BinaryPrimitives.WriteUInt64BigEndian(entry[24..], action.Device);
    });

    private static byte[] EncodeReach(IReadOnlyList<ActionSubject> subjects)
    {
        // At most MaxReach values of at most 512 characters: under the 64 KiB a binary property holds.
        var bytes = new byte[subjects.Sum(subject => 3 + Encoding.UTF8.GetByteCount(subject.Value))];
        var offset = 0;
        foreach (var subject in subjects)
        {
            var length = Encoding.UTF8.GetBytes(subject.Value, bytes.AsSpan(offset + 3));
            bytes[offset] = subject.Kind == ActionSubjectKind.DeviceId ? ReachDevice : ReachAddress;
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(offset + 1), (ushort)length);
            offset += 3 + length;
        }

        return bytes;
    }

    private static List<ActionSubject> DecodeReach(byte[]? bytes)
    {
        var subjects = new List<ActionSubject>();
        for (var offset = 0; bytes is not null && offset + 3 <= bytes.Length;)
        {
            var kind = bytes[offset] == ReachDevice ? ActionSubjectKind.DeviceId : ActionSubjectKind.IpAddress;
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(offset + 1));
            subjects.Add(new ActionSubject(kind, Encoding.UTF8.GetString(bytes, offset + 3, length)));
            offset += 3 + length;
        }

        return subjects;
    }

    private static void AddLinkedFraud(TableEntity entity, SubjectState state) =>
        entity["LinkedFraud"] = Encode(state.LinkedFraud, LinkedFraudBytes, static (entry, user) =>
        {
            BinaryPrimitives.WriteUInt64BigEndian(entry, user.User);
            BinaryPrimitives.WriteInt64BigEndian(entry[8..], user.LabeledAtTicks);
        });

    private delegate void Writer<in T>(Span<byte> entry, T item);

    private delegate T Reader<out T>(ReadOnlySpan<byte> entry);

    private static byte[] Encode<T>(IReadOnlyList<T> items, int size, Writer<T> write)
    {
        var bytes = new byte[items.Count * size];
        for (var i = 0; i < items.Count; i++)
        {
            write(bytes.AsSpan(i * size, size), items[i]);
        }

        return bytes;
    }

    private static List<T> Decode<T>(byte[]? bytes, int size, Reader<T> read)
    {
        bytes ??= [];
        var items = new List<T>(bytes.Length / size);
        for (var offset = 0; offset + size <= bytes.Length; offset += size)
        {
            items.Add(read(bytes.AsSpan(offset, size)));
        }

        return items;
    }
}
