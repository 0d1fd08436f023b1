using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RiskFunctions.Testing.Security;
using Xunit.Abstractions;

namespace RiskFunctions.Functions.Tests.Outage;

/// <summary>
/// Storage fails under the running app while clients keep writing. Two outages, because Azurite saves its tables only
/// about every 5 s: killing it would lose writes it had acknowledged and make "every 2xx write is readable
/// afterwards" untrue of storage rather than of the app. So it is frozen (SIGSTOP: connections hang, as a storage
/// account that stops answering) and then stopped gracefully (SIGINT: it saves and closes, so connections are
/// refused) and started again on the same data directory and port. Azure Table Storage acknowledges only durable
/// writes, which is what these two outages preserve.
/// </summary>
public sealed class StorageOutageTests(StorageOutageFixture app, ITestOutputHelper output) : IClassFixture<StorageOutageFixture>
{
    private const int DriversPerWrite = 2;

    /// <summary>
    /// The slowest acceptable answer: a request ends at its first storage call that gives up, after one call budget;
    /// a few budgets (a request's calls before the failing one) and a loaded machine's scheduling stay well inside.
    /// Anything beyond is a hang.
    /// </summary>
    private static readonly TimeSpan AnswerBound = (StorageOutageFixture.CallTimeout * 4) + TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    /// <summary>Storage failure lines the whole run may log: two outages, a few sources, summarised per window.</summary>
    private const int MaxOutageLines = 12;

    private readonly ConcurrentQueue<OutageWrite.Outcome> _outcomes = new();
    private readonly ConcurrentQueue<(OutageWrite Write, HttpClient Client, string Id)> _acknowledged = new();
    private volatile string _phase = "before";

    [Fact]
    public async Task Writes_StorageHungThenRefusingMidLoad_Answer2xxOr503AndKeepEveryAcknowledgedWrite()
    {
        using var stop = new CancellationTokenSource();
        var clients = OutageWrite.All
            .SelectMany(write => Enumerable.Range(0, DriversPerWrite).Select(_ => (Write: write, Client: app.ClientFor(TestTenant.Create()))))
            .ToArray();
        try
        {
            await RunScenarioAsync(clients, stop);
        }
        finally
        {
            foreach (var (_, client) in clients)
            {
                client.Dispose();
            }
        }
    }

    private async Task RunScenarioAsync((OutageWrite Write, HttpClient Client)[] clients, CancellationTokenSource stop)
    {
        var workerBefore = app.Host.WorkerProcessId;
        var drivers = clients.Select(c => DriveAsync(c.Write, c.Client, stop.Token)).ToArray();

        await Task.Delay(Phase);
        _phase = "hung";
        app.Storage.Server.Suspend();
        var readyWhileHung = await WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable);
        await Task.Delay((StorageOutageFixture.CallTimeout * 2) + Phase);
        app.Storage.Server.Resume();
        _phase = "resumed";
        var readyAfterHang = await WaitForReadinessAsync(HttpStatusCode.OK);
        await Task.Delay(Phase);

        _phase = "refusing";
        await app.Storage.Server.StopGracefullyAsync();
        var readyWhileDown = await WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable);
        await Task.Delay(Phase);
        await app.Storage.Server.RestartAsync();
        _phase = "restarted";
        var readyAfterRestart = await WaitForReadinessAsync(HttpStatusCode.OK);
        await Task.Delay(Phase);
        await stop.CancelAsync();
        await Task.WhenAll(drivers);

        var outcomes = _outcomes.ToArray();
        output.WriteLine(
            $"{outcomes.Length} writes: {outcomes.Count(o => o.IsSuccess)} 2xx, {outcomes.Count(o => o.Status == HttpStatusCode.ServiceUnavailable)} 503; " +
            $"slowest {outcomes.Max(o => o.Elapsed).TotalMilliseconds:F0} ms (bound {AnswerBound.TotalMilliseconds:F0} ms); " +
            string.Join(", ", outcomes.GroupBy(o => o.Phase).Select(g => $"{g.Key}: {g.Count(o => o.IsSuccess)}/{g.Count()} 2xx, slowest {g.Max(o => o.Elapsed).TotalMilliseconds:F0} ms")));
        Assert.All(outcomes, outcome => Assert.True(outcome.Failure is null, $"No answer: {outcome}"));
        Assert.All(outcomes, outcome => Assert.True(outcome.IsSuccess || outcome.Status == HttpStatusCode.ServiceUnavailable, $"Neither 2xx nor 503: {outcome}"));
        Assert.All(outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable), AssertOutageAnswer);
        Assert.All(outcomes, outcome => Assert.True(outcome.Elapsed < AnswerBound, $"Answered after more than {AnswerBound}: {outcome}"));
        Assert.Contains(outcomes, o => o.Phase == "hung" && o.Status == HttpStatusCode.ServiceUnavailable);
        Assert.Contains(outcomes, o => o.Phase == "refusing" && o.Status == HttpStatusCode.ServiceUnavailable);
        Assert.All(OutageWrite.All, write => Assert.Contains(outcomes, o => o.Kind == write.Kind && o.Phase == "restarted" && o.IsSuccess));

        Assert.Equal(
            [HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK],
            [readyWhileHung, readyAfterHang, readyWhileDown, readyAfterRestart]);
        Assert.Equal(workerBefore, app.Host.WorkerProcessId);

        await AssertReadableAsync();
        AssertOutageLogged(outcomes.Count(o => o.Status == HttpStatusCode.ServiceUnavailable));
    }

    private async Task DriveAsync(OutageWrite write, HttpClient client, CancellationToken stop)
    {
        for (var sequence = 0; sequence < write.MaxWrites && !stop.IsCancellationRequested; sequence++)
        {
            var phase = _phase;
            using var request = write.Request(sequence);
            using var bound = new CancellationTokenSource(AnswerBound * 2);
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await client.SendAsync(request, bound.Token);
                var body = await response.Content.ReadAsStringAsync(bound.Token);
                var outcome = new OutageWrite.Outcome(write.Kind, phase, response.StatusCode, clock.Elapsed,
                    response.Headers.RetryAfter is not null, response.Content.Headers.ContentType?.MediaType, body, null);
                _outcomes.Enqueue(outcome);
                if (outcome.IsSuccess)
                {
                    using var json = JsonDocument.Parse(body);
                    _acknowledged.Enqueue((write, client, write.CreatedId(json.RootElement)));
                }
                else
                {
                    // A write refused at once fails in milliseconds: keep each client well under its rate limit
                    // (a 429 would hide the 503s under test) while still writing all through the outage.
                    await Task.Delay(RetryPause, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
            {
                _outcomes.Enqueue(new OutageWrite.Outcome(write.Kind, phase, null, clock.Elapsed, false, null, string.Empty, ex.GetType().Name + ": " + ex.Message));
            }
        }
    }

    /// <summary>Polls readiness (bounded) until it answers <paramref name="expected"/>; returns the last answer.</summary>
    private async Task<HttpStatusCode> WaitForReadinessAsync(HttpStatusCode expected)
    {
        var status = HttpStatusCode.RequestTimeout;
        for (var attempt = 0; attempt < 120 && status != expected; attempt++)
        {
            using var response = await app.Client.GetAsync(new Uri("health/ready", UriKind.Relative));
            status = response.StatusCode;
            if (status != expected)
            {
                await Task.Delay(250);
            }
        }

        return status;
    }

    private static void AssertOutageAnswer(OutageWrite.Outcome outcome)
    {
        Assert.True(outcome.HasRetryAfter, $"503 without Retry-After: {outcome}");
        Assert.Equal("application/json", outcome.MediaType);
        using var body = JsonDocument.Parse(outcome.Body);
        Assert.Equal(503, body.RootElement.GetProperty("error_code").GetInt32());
        Assert.Contains(body.RootElement.GetProperty("message").EnumerateArray(), m => m.GetString()!.StartsWith("storage", StringComparison.Ordinal));
    }

    private async Task AssertReadableAsync()
    {
        var missing = new List<string>();
        foreach (var (write, client, id) in _acknowledged)
        {
            var response = await client.GetAsync(write.ReadBack(id));
            while (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // The read-back is one client reading thousands of rows in a row: it waits as the rate limit tells it to.
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                response.Dispose();
                await Task.Delay(wait);
                response = await client.GetAsync(write.ReadBack(id));
            }

            using var answer = response;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                missing.Add($"{write.Kind} {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} of {_acknowledged.Count} acknowledged writes are not readable:\n{string.Join('\n', missing.Take(20))}");
    }

    /// <summary>
    /// Each failure is one line naming the dependency, never a stack trace, and repeated failures are summarised
    /// rather than logged one by one: far fewer lines than failed requests. Readiness logs its result at every probe,
    /// so the probes (here this test's polling) set its rate; it is held to one line each but not counted.
    /// </summary>
    private void AssertOutageLogged(int unavailableAnswers)
    {
        var logged = app.Logs.Entries.Where(e => e.Level >= LogLevel.Warning).ToArray();
        var summary = string.Join('\n', logged
            .GroupBy(e => $"{e.Level} {e.Category}: {FirstLine(e.Message)}")
            .Select(g => $"{g.Count()} x {g.Key} ({g.Max(e => e.Message.Split('\n').Length)} lines)"));
        var storageLines = logged
            .Where(e => e.Message.Contains("Table storage unavailable", StringComparison.Ordinal) && !e.Category.Contains(nameof(Functions.Health.HealthFunctions.HealthReady), StringComparison.Ordinal))
            .ToArray();

        output.WriteLine($"{storageLines.Length} storage outage lines, {logged.Length} warnings and errors in all:\n{summary}");
        Assert.True(storageLines.Length > 0, $"The outage was not logged:\n{summary}");
        Assert.All(logged, e => Assert.True(!e.Message.Contains('\n', StringComparison.Ordinal) && e.Exception is null, $"Not one line:\n{e}\n\nAll warnings and errors:\n{summary}"));
        Assert.True(storageLines.Length <= MaxOutageLines, $"{storageLines.Length} lines for {unavailableAnswers} 503 answers:\n{summary}");
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0];
        // Ids vary per line; the rest says whether lines repeat.
        return System.Text.RegularExpressions.Regex.Replace(line[..Math.Min(line.Length, 200)], "[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|[0-9a-f]{32}", "<id>");
    }
}
