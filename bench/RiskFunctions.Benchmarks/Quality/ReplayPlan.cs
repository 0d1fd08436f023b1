using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RiskFunctions.Benchmarks.Quality;

/// <summary>One NDJSON line of the import stream, with the event it reports.</summary>
internal sealed record PlannedLine(DateTimeOffset At, string Json, ReplayEvent Event, bool IsAction);

/// <summary>
/// Turns the events into the import stream a migrating tenant would send, in time order: every event as an
/// action (its first registration as <c>register</c>, later ones as <c>login</c>, transactions as
/// <c>transaction</c>) followed by its outcome (<c>success</c>: the previous system let it through), and, for
/// the entities of the training half only, a label when it became known (transactions carry the time;
/// registrations get <c>labelDelay</c> after the event).
/// </summary>
internal static class ReplayPlan
{
    /// <summary>Whether <paramref name="userId"/> belongs to the half whose labels are fed (stable for a seed).</summary>
    public static bool IsTraining(string userId, string seed)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\n" + userId), hash);
        return (hash[0] & 1) == 0;
    }

    public static IReadOnlyList<PlannedLine> Build(IReadOnlyList<ReplayEvent> events, string seed, TimeSpan labelDelay)
    {
        var lines = new List<(PlannedLine Line, int Kind, int Sequence)>();
        var registered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var actionType = e.Transaction is not null ? "transaction" : registered.Add(e.UserId) ? "register" : "login";
            lines.Add((new PlannedLine(e.OccurredAt, ActionLine(e, actionType), e, IsAction: true), 0, i));
            lines.Add((new PlannedLine(e.OccurredAt, ResultLine(e), e, IsAction: false), 1, i));
            if (e.IsFraud is { } fraud && IsTraining(e.UserId, seed))
            {
                var at = e.LabeledAt ?? e.OccurredAt + labelDelay;
                lines.Add((new PlannedLine(at, LabelLine(e, at, fraud), e, IsAction: false), 2, i));
            }
        }

        return [.. lines.OrderBy(l => l.Line.At).ThenBy(l => l.Sequence).ThenBy(l => l.Kind).Select(l => l.Line)];
    }

    private static string ActionLine(ReplayEvent e, string actionType) => Write(w =>
    {
        Header(w, "action", e.Ref, e.OccurredAt);
        w.WriteStartObject("action");
        w.WriteString("action_type", actionType);
        w.WriteString("user_id", e.UserId);
        w.WriteStartObject("context");
        w.WriteString("ip", e.Ip);
        if (e.UserAgent is not null)
        {
            w.WriteString("user_agent", e.UserAgent);
        }

        w.WriteEndObject();
        if (e.Transaction is { } t)
        {
            w.WriteStartObject("transaction_data");
            w.WriteNumber("amount", t.Amount);
            if (t.Currency is not null)
            {
                w.WriteString("currency", t.Currency);
            }

            if (t.CardBin is not null)
            {
                w.WriteStartObject("payer");
                w.WriteStartObject("card");
                w.WriteString("bin", t.CardBin);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    });

    private static string ResultLine(ReplayEvent e) => Write(w =>
    {
        Header(w, "result", e.Ref, e.OccurredAt);
        w.WriteStartObject("result");
        w.WriteString("result", "success");
        w.WriteString("user_id", e.UserId);
        w.WriteEndObject();
    });

    private static string LabelLine(ReplayEvent e, DateTimeOffset at, bool fraud) => Write(w =>
    {
        Header(w, "label", "label:" + e.Ref, at);
        w.WriteString("action_ref", e.Ref);
        w.WriteStartObject("label");
        w.WriteString("label_type", fraud ? "CONFIRMED_FRAUD" : "CONFIRMED_LEGIT");
        w.WriteStartObject("subject");
        w.WriteString("type", "ACTION_ID");
        w.WriteEndObject();
        w.WriteString("source", "OTHER_VENDORS");
        w.WriteEndObject();
    });

    private static void Header(Utf8JsonWriter w, string type, string reference, DateTimeOffset at)
    {
        w.WriteString("type", type);
        w.WriteString("ref", reference);
        w.WriteNumber("occurred_at", at.ToUnixTimeMilliseconds());
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Describe(TimeSpan delay) => delay.TotalHours.ToString("0.##", CultureInfo.InvariantCulture) + " h";
}
