using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace RiskFunctions.Benchmarks.Actions;

/// <summary>
/// Synthetic history for <c>POST /risk/v1/import/actions</c>: users who register, then pay from a few devices and
/// networks; every action gets its result (most succeed, so profiles grow), and about one user in 60 is labeled
/// fraud through one of its actions. Events are spread over the days before now, in time order, and posted in batches
/// of at most 5,000 lines.
/// </summary>
/// <param name="http">A client of the tenant the history is imported for.</param>
/// <param name="users">How many users the history has.</param>
/// <param name="run">Prefix of refs and identifiers, so that two histories in one tenant stay apart.</param>
internal sealed class ImportLoad(HttpClient http, int users, string run)
{
    /// <summary>Posts of one batch before a 503 or 409 ends the run.</summary>
    private const int MaxAttempts = 5;

    private const string Agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    /// <summary>Batches posted again after a 503 or 409 (the time is counted in the batch's rate).</summary>
    public int Retries { get; private set; }

    /// <summary>Imports <paramref name="events"/> lines; one row per batch: lines, seconds, lines/s, lines done.</summary>
    public async Task<(double Seconds, List<(int Done, double PerSecond)> Batches)> ImportAsync(int events, int batchSize, Action<string>? progress = null)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds();
        var step = Math.Max(1, 29L * 24 * 3600 * 1000 / Math.Max(1, events));
        var lines = Lines(events, start, step).GetEnumerator();
        var batches = new List<(int Done, double PerSecond)>();
        var total = Stopwatch.StartNew();
        var done = 0;
        while (done < events)
        {
            var batch = new StringBuilder();
            var count = 0;
            while (count < batchSize && done + count < events && lines.MoveNext())
            {
                batch.Append(lines.Current).Append('\n');
                count++;
            }

            var clock = Stopwatch.StartNew();
            for (var attempt = 1; ; attempt++)
            {
                using var response = await http.PostAsync("/risk/v1/import/actions", new StringContent(batch.ToString(), Encoding.UTF8, new MediaTypeHeaderValue("application/x-ndjson")));
                if (response.IsSuccessStatusCode)
                {
                    break;
                }

                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode is 503 or 409 && attempt < MaxAttempts)
                {
                    // As a migrating script does: storage was briefly unavailable; posting the batch again is safe.
                    Retries++;
                    progress?.Invoke($"retrying the batch after {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5));
                    continue;
                }

                await Task.Delay(TimeSpan.FromSeconds(1)); // lets the app's log of the failure arrive
                throw new InvalidOperationException(
                    $"import answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
            }

            done += count;
            batches.Add((done, count / clock.Elapsed.TotalSeconds));
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{done}/{events} events, {count / clock.Elapsed.TotalSeconds:F0}/s in the last batch, {done / total.Elapsed.TotalSeconds:F0}/s overall"));
        }

        return (total.Elapsed.TotalSeconds, batches);
    }

    /// <summary>Action, result and label lines in time order: each user's first action registers, the others pay.</summary>
    private IEnumerable<string> Lines(int events, long start, long step)
    {
        var actionsOf = new int[users];
        var time = start;
        var emitted = 0;
        for (long sequence = 0; emitted < events; sequence++)
        {
            var user = (int)(sequence * 7919 % users);
            var number = actionsOf[user]++;
            var reference = $"{run}-{sequence}";
            var register = number == 0;
            time += step;
            yield return Action(reference, time, user, number, register);
            emitted++;
            if (emitted < events)
            {
                yield return Result(reference, time + 1, sequence % 50 == 0 ? "failure" : "success");
                emitted++;
            }

            if (emitted < events && number == 3 && user % 60 == 0)
            {
                yield return Label(reference, time + 2);
                emitted++;
            }
        }
    }

    private string Action(string reference, long time, int user, int number, bool register)
    {
        var action = new JsonObject
        {
            ["action_type"] = register ? "register" : "payment",
            ["user_id"] = $"{run}-user{user}",
            ["context"] = new JsonObject
            {
                ["ip"] = $"198.51.{user / 250 % 256}.{(user + number / 5) % 250 + 1}",
                ["user_agent"] = Agent,
                ["device_id"] = $"{run}-device{user}-{number % 3}",
                ["device_fingerprint"] = $"{run}-fp{user}-{number % 3}",
            },
        };
        return new JsonObject { ["type"] = "action", ["ref"] = reference, ["occurred_at"] = time, ["action"] = action }.ToJsonString();
    }

    private static string Result(string reference, long time, string result) =>
        new JsonObject { ["type"] = "result", ["ref"] = reference, ["occurred_at"] = time, ["result"] = new JsonObject { ["result"] = result } }.ToJsonString();

    private static string Label(string reference, long time) => new JsonObject
    {
        ["type"] = "label",
        ["ref"] = "label-" + reference,
        ["occurred_at"] = time,
        ["action_ref"] = reference,
        ["label"] = new JsonObject
        {
            ["label_type"] = "CONFIRMED_FRAUD",
            ["subject"] = new JsonObject { ["type"] = "ACTION_ID" },
            ["source"] = "CHARGEBACKS",
        },
    }.ToJsonString();
}
