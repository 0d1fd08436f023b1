using RiskFunctions.Functions.Json;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Dialects.DataDome;
using RiskFunctions.Domain.Contract.Dialects.Ravelin;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Labels.Dialects;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Security;

namespace RiskFunctions.Functions.Features.Labels.Dialects;

/// <summary>
/// Labels in other vendors' dialects: Ravelin's customer labels, DataDome's feedback and Lithic's fraud reports
/// (<see cref="LithicFraudReportsApi"/>). Each is mapped onto a label and accepted by the same pipeline as
/// <c>POST /risk/v1/label</c>; errors use the vendor's own body.
/// </summary>
public static class DialectLabelsApi
{
    public const string RavelinRoute = "ravelin/v2/customer/{customerId}/labels";
    public const string DataDomeRoute = "datadome/v1/feedback";

    private static readonly FieldError KeyReused = new(LabelIdempotency.Header, "was already used with a different label");

    /// <summary>
    /// Labels the customer's user; 200 with Ravelin's label answer once the label is stored. With an
    /// <c>Idempotency-Key</c> a retry answers the label stored first (<see cref="LabelIdempotency"/>).
    /// </summary>
    public static async Task<IResult> RavelinLabelAsync(
        HttpContext httpContext,
        string customerId,
        LabelIntake intake,
        IOptions<LabelsOptions> options,
        TimeProvider timeProvider)
    {
        var validation = new ValidationResult();
        var idempotencyKey = LabelIdempotency.Read(httpContext.Request, validation);
        var body = await RequestBody.ReadJsonAsync(httpContext.Request, RiskJsonContext.Default.RavelinLabelRequest, cancellationToken: httpContext.RequestAborted);
        var tenantId = httpContext.User.GetTenantId();
        var potentialEnabled = options.Value.RavelinPotentialReviewTenants.Contains(tenantId, StringComparer.Ordinal);
        var labelId = LabelIdempotency.LabelId(tenantId, LabelOrigins.Ravelin, idempotencyKey);
        var label = body.Value is { } read
            ? RavelinLabelMapping.Map(customerId, read, potentialEnabled, labelId, timeProvider.GetUtcNow(), validation)
            : null;
        if (body.Problem(validation) is { } problem)
        {
            return RavelinErrorFormat.Instance.Create(problem.StatusCode, problem.Errors);
        }

        var request = body.Value!;

        var (stored, replayed) = await intake.StoreAsync(tenantId, label!, httpContext.RequestAborted);
        if (replayed && !LabelIdempotency.SameRequest(stored.Label, label!))
        {
            return RavelinErrorFormat.Instance.Create(StatusCodes.Status422UnprocessableEntity, [KeyReused]);
        }

        return TypedResults.Json(
            new RavelinLabelResponse
            {
                Timestamp = stored.Label.LabeledAt,
                Category = RavelinLabelMapping.ResponseCategory(request.Category!.Value),
                Author = request.Reviewer,
                Review = request.Review!.Value,
                ReviewBand = RavelinLabelMapping.ReviewBand(request.Review.Value),
                ReviewText = request.Comment,
                EntityId = customerId,
                EntityType = "customer",
            },
            RiskJsonContext.Default.RavelinLabelResponse);
    }

    /// <summary>
    /// Labels the event's action or the user; 201 with the feedback id (the label's id) once stored. With an
    /// <c>Idempotency-Key</c> a retry answers the same feedback id (<see cref="LabelIdempotency"/>).
    /// </summary>
    public static async Task<IResult> DataDomeFeedbackAsync(HttpContext httpContext, LabelIntake intake, TimeProvider timeProvider)
    {
        var validation = new ValidationResult();
        var idempotencyKey = LabelIdempotency.Read(httpContext.Request, validation);
        var body = await RequestBody.ReadJsonAsync(httpContext.Request, RiskJsonContext.Default.DataDomeFeedbackRequest, cancellationToken: httpContext.RequestAborted);
        var tenantId = httpContext.User.GetTenantId();
        var labelId = LabelIdempotency.LabelId(tenantId, LabelOrigins.DataDome, idempotencyKey);
        var label = body.Value is { } read ? DataDomeFeedbackMapping.Map(read, labelId, timeProvider.GetUtcNow(), validation) : null;
        if (body.Problem(validation) is { } problem)
        {
            return DataDomeErrorFormat.Instance.Create(problem.StatusCode, problem.Errors);
        }

        var (stored, replayed) = await intake.StoreAsync(tenantId, label!, httpContext.RequestAborted);
        if (replayed && !LabelIdempotency.SameRequest(stored.Label, label!))
        {
            return DataDomeErrorFormat.Instance.Create(StatusCodes.Status422UnprocessableEntity, [KeyReused]);
        }

        return TypedResults.Json(
            new DataDomeFeedbackResponse { FeedbackId = stored.Label.LabelId },
            RiskJsonContext.Default.DataDomeFeedbackResponse,
            statusCode: StatusCodes.Status201Created);
    }
}
