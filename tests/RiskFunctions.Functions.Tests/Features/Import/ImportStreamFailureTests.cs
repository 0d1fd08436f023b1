using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Functions.Features.Import;

namespace RiskFunctions.Functions.Tests.Features.Import;

/// <summary>
/// The streamed import answer when applying stops on something other than a line's failure: before the first line went
/// out, the failure is left to the pipeline (a storage outage is then the 503 with <c>Retry-After</c> of the JSON answer);
/// after it, the last line tells it, 503 with the retry hint for a storage outage, as the JSON answer would be.
/// </summary>
public sealed class ImportStreamFailureTests
{
    private readonly MemoryStream _body = new();
    private readonly DefaultHttpContext _http = new();

    public ImportStreamFailureTests()
    {
        _http.Features.Set<IHttpResponseFeature>(new StartedOnFirstByte(_body));
        _http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(_body));
    }

    [Fact]
    public async Task WriteAsync_StorageOutageBeforeTheFirstLine_WritesNothingAndLeavesTheFailureToThePipeline()
    {
        var outage = new RequestFailedException(503, "Server busy");

        var thrown = await Assert.ThrowsAsync<RequestFailedException>(
            () => ImportStream.WriteAsync(_http.Response, new ImportProgress(10), FailsAsync(Task.CompletedTask, outage)));

        Assert.Same(outage, thrown);
        Assert.Equal(0, _body.Length);
        Assert.False(_http.Response.HasStarted);
    }

    [Theory]
    [InlineData("503")]
    [InlineData("500")]
    [InlineData("429")]
    [InlineData("connection")]
    [InlineData("timeout")]
    [InlineData("cancelled")]
    public async Task WriteAsync_StorageOutageAfterTheFirstLine_EndsWithA503AndTheRetryHint(string failure)
    {
        var lines = await StreamStoppedAfterAProgressLineAsync(Outage(failure));

        Assert.True(lines[0].ContainsKey("progress"));
        var error = lines[^1]["error"]!;
        Assert.Equal(503, error["error_code"]!.GetValue<int>());
        Assert.Equal(
            ["storage: temporarily unavailable; retry after 5 s", "lines: the import stopped after 500 of 1000 lines were applied; posting the batch again is safe"],
            error["message"]!.AsArray().Select(message => message!.GetValue<string>()));
    }

    [Fact]
    public async Task WriteAsync_FaultOfTheCodeAfterTheFirstLine_EndsWithA500()
    {
        var lines = await StreamStoppedAfterAProgressLineAsync(new InvalidOperationException("a bug"));

        var error = lines[^1]["error"]!;
        Assert.Equal(500, error["error_code"]!.GetValue<int>());
        Assert.Equal(
            ["lines: the import stopped after 500 of 1000 lines were applied; posting the batch again is safe"],
            error["message"]!.AsArray().Select(message => message!.GetValue<string>()));
    }

    private static Exception Outage(string failure) => failure switch
    {
        "503" => new RequestFailedException(503, "Server busy"),
        "500" => new RequestFailedException(500, "Internal error"),
        "429" => new RequestFailedException(429, "Too many requests"),
        "connection" => new HttpRequestException("Connection refused"),
        "timeout" => new TimeoutException("The storage call timed out"),
        _ => new TaskCanceledException("The storage call budget ran out"),
    };

    /// <summary>Streams an import that applied 500 of 1000 lines (so a progress line goes out) and then stopped on <paramref name="failure"/>.</summary>
    private async Task<List<JsonObject>> StreamStoppedAfterAProgressLineAsync(Exception failure)
    {
        var progress = new ImportProgress(1000);
        for (var i = 0; i < ImportStream.ProgressEvery; i++)
        {
            progress.LineApplied();
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writing = ImportStream.WriteAsync(_http.Response, progress, FailsAsync(stop.Task, failure));
        var waited = TimeSpan.Zero;
        while (!_http.Response.HasStarted && waited < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
            waited += TimeSpan.FromMilliseconds(50);
        }

        Assert.True(_http.Response.HasStarted);
        stop.SetResult();
        await Assert.ThrowsAnyAsync<Exception>(() => writing);
        return [.. Encoding.UTF8.GetString(_body.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    /// <summary>Applying that fails once <paramref name="stop"/> completes, as an async method does (a cancellation cancels the task).</summary>
    private static async Task<IReadOnlyList<ImportLineResult>> FailsAsync(Task stop, Exception failure)
    {
        await stop;
        throw failure;
    }

    /// <summary>A response that has started once a byte of its body was written, as a server's does.</summary>
    private sealed class StartedOnFirstByte(Stream body) : HttpResponseFeature
    {
        public override bool HasStarted => body.Length > 0;
    }
}
