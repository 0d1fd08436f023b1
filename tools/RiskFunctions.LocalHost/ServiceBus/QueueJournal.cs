using System.Text.Json;

namespace RiskFunctions.LocalHost.ServiceBus;

/// <summary>
/// Makes the local queues survive a restart: every accepted message, failed delivery, completion and dead letter is
/// appended to a JSON-lines file and flushed before the sender is answered. On open the file is replayed (messages
/// accepted and not settled come back as active with their delivery count; dead letters and the duplicate-detection
/// window are restored) and compacted to that state. A delivery in flight when the host stopped is delivered again
/// (at least once). Flushed to the OS, not fsynced: it survives the host process dying, not the machine.
/// </summary>
internal sealed class QueueJournal : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly object _gate = new();
    private readonly StreamWriter _writer;

    private QueueJournal(StreamWriter writer) => _writer = writer;

    public static QueueJournal Open(string path, DateTimeOffset now, TimeSpan duplicateWindow, out Dictionary<string, QueueSnapshot> state)
    {
        state = Replay(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var compacted = path + ".tmp";
        using (var writer = new StreamWriter(compacted, append: false))
        {
            foreach (var (queue, snapshot) in state)
            {
                snapshot.RecentMessageIds.RemoveAll(r => now - r.AcceptedAt >= duplicateWindow);
                foreach (var record in Compact(queue, snapshot))
                {
                    writer.WriteLine(JsonSerializer.Serialize(record, Json));
                }
            }
        }

        File.Move(compacted, path, overwrite: true);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        return new QueueJournal(new StreamWriter(stream));
    }

    public void Sent(string queue, long sequence, QueueMessage message, DateTimeOffset enqueued) => Append(new JournalRecord
    {
        Op = JournalRecord.SentOp,
        Queue = queue,
        Sequence = sequence,
        At = enqueued,
        MessageId = message.MessageId,
        Body = message.Body,
        CorrelationId = message.CorrelationId,
        ContentType = message.ContentType,
        Subject = message.Subject,
        ReplyTo = message.ReplyTo,
        To = message.To,
        Properties = message.ApplicationProperties.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value, Json)),
    });

    public void Abandoned(string queue, long sequence, int deliveryCount) =>
        Append(new JournalRecord { Op = JournalRecord.AbandonedOp, Queue = queue, Sequence = sequence, DeliveryCount = deliveryCount });

    public void Completed(string queue, long sequence) =>
        Append(new JournalRecord { Op = JournalRecord.CompletedOp, Queue = queue, Sequence = sequence });

    public void DeadLettered(string queue, DeadLetteredMessage dead) => Append(DeadRecord(queue, dead));

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private void Append(JournalRecord record)
    {
        var line = JsonSerializer.Serialize(record, Json);
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    private static Dictionary<string, QueueSnapshot> Replay(string path)
    {
        var state = new Dictionary<string, QueueSnapshot>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return state;
        }

        foreach (var line in File.ReadLines(path))
        {
            // A line cut short by a crash is the last one; what it described was never acknowledged.
            if (string.IsNullOrWhiteSpace(line) || TryParse(line) is not { } record)
            {
                continue;
            }

            if (!state.TryGetValue(record.Queue, out var queue))
            {
                state[record.Queue] = queue = new QueueSnapshot();
            }

            Apply(queue, record);
        }

        return state;
    }

    private static void Apply(QueueSnapshot queue, JournalRecord record)
    {
        queue.LastSequence = Math.Max(queue.LastSequence, record.Sequence);
        switch (record.Op)
        {
            case JournalRecord.SentOp:
                queue.Active[record.Sequence] = new RestoredMessage(ToMessage(record), record.Sequence, record.At, record.DeliveryCount);
                queue.RecentMessageIds.Add((record.MessageId!, record.At));
                break;
            case JournalRecord.TotalsOp:
                queue.Completed += record.CompletedCount;
                break;
            case JournalRecord.SeenOp:
                queue.RecentMessageIds.Add((record.MessageId!, record.At));
                break;
            case JournalRecord.AbandonedOp when queue.Active.TryGetValue(record.Sequence, out var message):
                queue.Active[record.Sequence] = message with { DeliveryCount = record.DeliveryCount };
                break;
            case JournalRecord.CompletedOp:
                queue.Active.Remove(record.Sequence);
                queue.Completed++;
                break;
            case JournalRecord.DeadLetteredOp:
                queue.Active.Remove(record.Sequence);
                queue.DeadLettered.Add(new DeadLetteredMessage(
                    record.MessageId!, record.Sequence, record.DeliveryCount, record.Reason!, record.Error, record.DeadBody ?? string.Empty, record.CorrelationId));
                break;
        }
    }

    private static IEnumerable<JournalRecord> Compact(string queue, QueueSnapshot snapshot)
    {
        var active = snapshot.Active.Values.Select(m => m.Message.MessageId).ToHashSet(StringComparer.Ordinal);
        foreach (var (messageId, acceptedAt) in snapshot.RecentMessageIds.Where(r => !active.Contains(r.MessageId)))
        {
            yield return new JournalRecord { Op = JournalRecord.SeenOp, Queue = queue, MessageId = messageId, At = acceptedAt };
        }

        foreach (var dead in snapshot.DeadLettered)
        {
            yield return DeadRecord(queue, dead);
        }

        foreach (var message in snapshot.Active.Values)
        {
            var sent = new JournalRecord
            {
                Op = JournalRecord.SentOp,
                Queue = queue,
                Sequence = message.Sequence,
                At = message.Enqueued,
                MessageId = message.Message.MessageId,
                Body = message.Message.Body,
                CorrelationId = message.Message.CorrelationId,
                ContentType = message.Message.ContentType,
                Subject = message.Message.Subject,
                ReplyTo = message.Message.ReplyTo,
                To = message.Message.To,
                Properties = message.Message.ApplicationProperties.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value, Json)),
                DeliveryCount = message.DeliveryCount,
            };
            yield return sent;
        }

        // Keeps sequence numbers rising across restarts even when nothing is left.
        yield return new JournalRecord
        {
            Op = JournalRecord.TotalsOp, Queue = queue, Sequence = snapshot.LastSequence, CompletedCount = snapshot.Completed,
        };
    }

    private static JournalRecord DeadRecord(string queue, DeadLetteredMessage dead) => new()
    {
        Op = JournalRecord.DeadLetteredOp,
        Queue = queue,
        Sequence = dead.SequenceNumber,
        MessageId = dead.MessageId,
        DeliveryCount = dead.DeliveryCount,
        Reason = dead.Reason,
        Error = dead.ErrorDescription,
        DeadBody = dead.Body,
        CorrelationId = dead.CorrelationId,
    };

    private static QueueMessage ToMessage(JournalRecord record) => new(record.Body ?? [], record.MessageId!)
    {
        CorrelationId = record.CorrelationId,
        ContentType = record.ContentType,
        Subject = record.Subject,
        ReplyTo = record.ReplyTo,
        To = record.To,
        ApplicationProperties = (record.Properties ?? []).ToDictionary(p => p.Key, p => PropertyValue(p.Value)),
    };

    private static object PropertyValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetString() ?? string.Empty,
    };

    private static JournalRecord? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalRecord>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
