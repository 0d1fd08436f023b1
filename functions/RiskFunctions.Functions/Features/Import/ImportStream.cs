using System.Globalization;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Errors;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Functions.Pipeline;

namespace RiskFunctions.Functions.Features.Import;

/// <summary>
/// The streamed answer of an import (<c>Accept: application/x-ndjson</c>), for a script driving a long one: a progress
/// line whenever another <see cref="ProgressEvery"/> lines were applied and one when all were, then one line per applied
/// line's result in line order, then <c>{"imported": N}</c>, or the common error body under <c>error</c> when a line
/// failed (the result lines before it name the lines that were applied). The status is 200 once the batch passed its
/// checks; a batch that did not is answered as without streaming (400 and the error body), and so is an import that
/// stopped on anything but a line's failure before the first line went out (a storage outage: 503 and
/// <c>Retry-After</c>). Once lines went out, such a stop is told in the last line: 503 with the retry hint for an outage,
/// 500 otherwise.
/// </summary>
internal static class ImportStream
{
    public const string MediaType = "application/x-ndjson";

    /// <summary>Lines applied between two progress lines.</summary>
    public const int ProgressEvery = 500;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether the caller asked for the streamed answer.</summary>
    public static bool IsWanted(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(media => string.Equals(media.MediaType.Value, MediaType, StringComparison.OrdinalIgnoreCase));

    public static async Task WriteAsync(HttpResponse response, ImportProgress progress, Task<IReadOnlyList<ImportLineResult>> applying)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MediaType;
        response.Headers.CacheControl = "no-store";
        var aborted = response.HttpContext.RequestAborted;
        var reported = 0;
        while (!applying.IsCompleted)
        {
            await Task.WhenAny(applying, Task.Delay(Poll, TimeProvider.System, CancellationToken.None));
            if (progress.Done - reported >= ProgressEvery && !applying.IsCompleted)
            {
                reported = progress.Done;
                await WriteProgressAsync(response, progress);
            }
        }

        if (!response.HasStarted && StoppedUnexpectedly(applying))
        {
            // Nothing went out yet: the pipeline answers the failure with its status, as without streaming.
            await applying;
        }

        await WriteProgressAsync(response, progress);
        try
        {
            var results = await applying;
            await WriteResultsAsync(response, results);
            await WriteLineAsync(response, new ImportStreamLine { Imported = results.Count });
        }
        catch (ImportLineFailedException failed)
        {
            await WriteResultsAsync(response, failed.Applied);
            await WriteLineAsync(response, new ImportStreamLine { Error = ImportFailure.Body(failed) });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !aborted.IsCancellationRequested)
        {
            // The status went out with the first line: the failure can only be told in the stream.
            await WriteLineAsync(response, new ImportStreamLine { Error = Stopped(ex, aborted, progress) });
            throw;
        }
    }

    /// <summary>Whether the import ended on something other than a line's failure (which the stream tells as such).</summary>
    private static bool StoppedUnexpectedly(Task applying) =>
        applying.IsCanceled || applying is { IsFaulted: true, Exception.InnerException: not ImportLineFailedException };

    /// <summary>
    /// The error line of an import that stopped on <paramref name="exception"/>: for a storage outage the 503 the answer
    /// without streaming would have been, with its retry hint, otherwise a 500; and how far the import came.
    /// </summary>
    private static ErrorResponse Stopped(Exception exception, CancellationToken requestAborted, ImportProgress progress)
    {
        var stopped = string.Create(
            CultureInfo.InvariantCulture, $"lines: the import stopped after {progress.Done} of {progress.Total} lines were applied; posting the batch again is safe");
        return StorageAvailability.IsUnavailable(exception, requestAborted)
            ? new ErrorResponse { Message = [StorageAvailability.Problem.ToString(), stopped], ErrorCode = StatusCodes.Status503ServiceUnavailable }
            : new ErrorResponse { Message = [stopped], ErrorCode = StatusCodes.Status500InternalServerError };
    }

    private static Task WriteProgressAsync(HttpResponse response, ImportProgress progress) => WriteLineAsync(response, new ImportStreamLine
    {
        Progress = new ImportProgressReport { Done = progress.Done, Total = progress.Total, EventsPerSecond = Math.Round(progress.LinesPerSecond, 1) },
    });

    private static async Task WriteResultsAsync(HttpResponse response, IReadOnlyList<ImportLineResult> results)
    {
        foreach (var result in results)
        {
            await WriteLineAsync(response, new ImportStreamLine { Result = result }, flush: false);
        }
    }

    private static async Task WriteLineAsync(HttpResponse response, ImportStreamLine line, bool flush = true)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, RiskJsonContext.Default.ImportStreamLine);
        await response.Body.WriteAsync(bytes);
        await response.Body.WriteAsync("\n"u8.ToArray());
        if (flush)
        {
            await response.Body.FlushAsync();
        }
    }
}
