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

    /// <summary>Validates and stores the label, then starts its propagation; 201 once it is durably stored.</summary>
    public static async Task<Results<JsonHttpResult<LabelResponse>, ApiError>> CreateLabelAsync(
        HttpContext httpContext,
        LabelIntake intake,
        TimeProvider timeProvider)
    {
        var validation = new ValidationResult();
        var idempotencyKey = LabelIdempotency.Read(httpContext.Request, validation);
        var body = await RequestBody.ReadJsonAsync(httpContext.Request, RiskJsonContext.Default.LabelRequest, cancellationToken: httpContext.RequestAborted);
        var tenantId = httpContext.User.GetTenantId();
        var labelId = LabelIdempotency.LabelId(tenantId, LabelOrigins.Risk, idempotencyKey);
        var label = body.Value is { } read ? LabelRequestValidator.Validate(read, labelId, timeProvider.GetUtcNow(), validation) : null;
        if (body.Problem(validation) is { } problem)
        {
            return ApiError.Create(problem.StatusCode, problem.Errors);
        }

        var accepted = await intake.AcceptAsync(tenantId, label!, httpContext.RequestAborted);
        if (accepted.Replayed && !LabelIdempotency.SameRequest(accepted.Label.Label, label!))
        {
            return ApiError.Unprocessable(LabelIdempotency.Header, "was already used with a different label");
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
}
