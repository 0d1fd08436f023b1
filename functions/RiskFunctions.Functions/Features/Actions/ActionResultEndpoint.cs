using RiskFunctions.Domain.Validation;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Json;
using RiskFunctions.Functions.Security;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>
/// <c>POST /risk/v1/action/result</c>: validates the outcome of an action and records it at the server's
/// time (<see cref="ActionResultRecorder"/>).
/// </summary>
internal static class ActionResultEndpoint
{
    public const string Operation = "action-result";

    public static async Task<IResult> HandleAsync(HttpContext http, ActionResultRecorder recorder, TimeProvider time)
    {
        var cancellationToken = http.RequestAborted;
        var body = await RequestBody.ReadJsonAsync(http.Request, RiskJsonContext.Default.ActionResultRequest, ActionLimits.MaxBodyBytes, cancellationToken);
        var validation = body.Value is { } read ? ActionResultValidator.Validate(read) : new ValidationResult();
        if (body.Problem(validation) is { } problem)
        {
            return ApiError.Create(problem.StatusCode, problem.Errors);
        }

        var request = body.Value!;
        var outcome = await recorder.RecordAsync(http.User.GetTenantId(), request.ActionToken!, request, time.GetUtcNow(), cancellationToken);
        return outcome.Status switch
        {
            ActionResultStatus.NotFound => ApiError.NotFound("action_token", outcome.Problem!),
            ActionResultStatus.UserConflict => ApiError.BadRequest("user_id", outcome.Problem!),
            ActionResultStatus.Concurrent => ApiError.Conflict("action_token", outcome.Problem!),
            _ => Results.Json(
                new ActionResultResponse { Message = "Action result recorded" },
                RiskJsonContext.Default.ActionResultResponse,
                statusCode: StatusCodes.Status201Created),
        };
    }
}
