using System.Globalization;
using Microsoft.Net.Http.Headers;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Domain.Import;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Json;
using RiskFunctions.Functions.Security;

namespace RiskFunctions.Functions.Features.Import;

/// <summary>
/// <c>POST /risk/v1/import/actions</c>: replays past actions, results and labels (NDJSON, one line each, in the
/// order they happened) at their original times through the same pipeline as the live endpoints. The whole
/// batch is read and checked first (<see cref="ImportBatchReader"/>, <see cref="ImportPlanner"/>); a batch with
/// any problem is a 400 listing every problem by line and field, and nothing of it is stored. Only the
/// <c>import:write</c> scope reaches this endpoint: it is the one place a client's timestamps become the clock.
/// </summary>
internal static class ImportEndpoint
{
    /// <summary>Largest accepted body: at most <see cref="ImportBatchReader.MaxLines"/> lines of ordinary size.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>Longest accepted line: the body limit of the live endpoints.</summary>
    public const int MaxLineBytes = ActionLimits.MaxBodyBytes;

    private static readonly string[] MediaTypes = ["application/x-ndjson", "application/jsonl", "application/json"];

    public static async Task<IResult> HandleAsync(
        HttpContext http, ImportPlanner planner, ImportApplier applier, TimeProvider time)
    {
        var cancellationToken = http.RequestAborted;
        var body = await RequestBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TooLarge(FieldError.Body, MaxBodyBytes, $"; send at most {ImportBatchReader.MaxLines} lines per request");
        }

        // As on the JSON endpoints: an empty body is a 400 (from the reader), a body of another or no type a 415.
        if (body.Length > 0 && !IsNdjson(http.Request.ContentType))
        {
            return ApiError.Create(StatusCodes.Status415UnsupportedMediaType, [ApiError.Describe("content-type", "must be application/x-ndjson (one JSON object per line)")]);
        }

        if (FirstLongLine(body) is { } longLine)
        {
            return TooLarge(FieldPath.Index("lines", longLine), MaxLineBytes, string.Empty);
        }

        var batch = ImportBatchReader.Read(body, time.GetUtcNow());
        var tenantId = http.User.GetTenantId();
        var (steps, problems) = await planner.PlanAsync(tenantId, batch, cancellationToken);
        if (!problems.IsValid)
        {
            return ApiError.BadRequest(problems);
        }

        var progress = new ImportProgress(steps.Count);
        var applying = applier.ApplyAsync(tenantId, http.User.GetClientId(), steps, progress, cancellationToken);
        if (ImportStream.IsWanted(http.Request))
        {
            await ImportStream.WriteAsync(http.Response, progress, applying);
            return Results.Empty;
        }

        IReadOnlyList<ImportLineResult> results;
        try
        {
            results = await applying;
        }
        catch (ImportLineFailedException failed)
        {
            return ImportFailure.Error(failed);
        }

        return Results.Json(new ImportResponse { Imported = results.Count, Results = results }, RiskJsonContext.Default.ImportResponse);
    }

    private static bool IsNdjson(string? contentType) =>
        contentType is not null
        && MediaTypeHeaderValue.TryParse(contentType, out var media)
        && MediaTypes.Contains(media.MediaType.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The 1-based number of the first line longer than <see cref="MaxLineBytes"/>, if any.</summary>
    private static int? FirstLongLine(ReadOnlySpan<byte> body)
    {
        for (var line = 1; !body.IsEmpty; line++)
        {
            var end = body.IndexOf((byte)'\n');
            if ((end < 0 ? body.Length : end) > MaxLineBytes)
            {
                return line;
            }

            body = end < 0 ? [] : body[(end + 1)..];
        }

        return null;
    }

    private static ApiError TooLarge(string field, int limit, string advice) => ApiError.Create(
        StatusCodes.Status413PayloadTooLarge,
        [ApiError.Describe(field, string.Create(CultureInfo.InvariantCulture, $"must be at most {limit} bytes{advice}"))]);
}
