using RiskFunctions.Functions.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Labels;

namespace RiskFunctions.Functions.Features.Labels;

/// <summary><c>POST /risk/v1/label</c> and <c>GET /risk/v1/label/{label_id}</c>.</summary>
public static class LabelsApi
{
    public const string LabelRoute = "risk/v1/label";
    public const string LabelStatusRoute = "risk/v1/label/{label_id}";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>Validates and stores the label, then starts its propagation; 201 once it is durably stored.</summary>
    public static async Task<Results<JsonHttpResult<LabelResponse>, ApiError>> CreateLabelAsync(
        HttpContext httpContext,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        LabelIntake intake,
        TimeProvider timeProvider)
    {
        var validation = new ValidationResult();
        if (idempotencyKey is not null)
        {
            validation.Identifier(IdempotencyKeyHeader, idempotencyKey, MaxIdempotencyKeyLength);
        }

        var body = await RequestBody.ReadJsonAsync(httpContext.Request, RiskJsonContext.Default.LabelRequest, cancellationToken: httpContext.RequestAborted);
        var tenantId = httpContext.User.GetTenantId();
        var labelId = idempotencyKey is null ? LabelIds.New() : LabelIds.ForIdempotencyKey(tenantId, LabelOrigins.Risk, idempotencyKey);
        var label = body.Value is { } read ? LabelRequestValidator.Validate(read, labelId, timeProvider.GetUtcNow(), validation) : null;
        if (body.Problem(validation) is { } problem)
        {
            return ApiError.Create(problem.StatusCode, problem.Errors);
        }

        var accepted = await intake.AcceptAsync(tenantId, label!, httpContext.RequestAborted);
        if (accepted.Replayed && !SameRequest(accepted.Label.Label, label!))
        {
            return ApiError.Unprocessable(IdempotencyKeyHeader, "was already used with a different label");
        }

        var saved = accepted.Label.Label.ToContract();
        return TypedResults.Json(
            new LabelResponse
            {
                Message = "Label saved; propagation to affected actions is " + (accepted.Label.State == LabelPropagationState.Done ? "done" : "in progress")
                    + $" (GET /{LabelRoute}/{saved.LabelId})",
                LabelId = saved.LabelId,
                Label = saved,
                AffectedActionIds = accepted.KnownAffectedActionIds,
            },
            RiskJsonContext.Default.LabelResponse,
            statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The label and how far its propagation has come; 404 for an id that is not this tenant's.</summary>
    public static async Task<Results<JsonHttpResult<LabelStatusResponse>, ApiError>> GetLabelAsync(
        HttpContext httpContext,
        [FromRoute(Name = "label_id")] string labelId,
        LabelRepository labels)
    {
        if (!LabelIds.IsWellFormed(labelId))
        {
            return ApiError.BadRequest("label_id", $"must be {LabelIds.Length} lower-case hex digits");
        }

        var stored = await labels.GetAsync(httpContext.User.GetTenantId(), labelId, httpContext.RequestAborted);
        if (stored is null)
        {
            return ApiError.NotFound("label_id", "no such label");
        }

        return TypedResults.Json(
            new LabelStatusResponse
            {
                LabelId = labelId,
                Label = stored.Label.ToContract(),
                PropagationState = stored.State,
                AffectedActionCount = stored.AffectedCount,
            },
            RiskJsonContext.Default.LabelStatusResponse);
    }

    /// <summary>Whether a retried label says the same as the stored one (its time and id aside).</summary>
    internal static bool SameRequest(Label stored, Label retried) =>
        stored.Type == retried.Type
        && stored.UseCase == retried.UseCase
        && stored.Source == retried.Source
        && stored.Subject.Type == retried.Subject.Type
        && string.Equals(stored.Subject.Value, retried.Subject.Value, StringComparison.Ordinal)
        && stored.Subject.IsCampaignConfirmed == retried.Subject.IsCampaignConfirmed
        && (stored.Subject.Recommendations ?? []).SequenceEqual(retried.Subject.Recommendations ?? []);
}
