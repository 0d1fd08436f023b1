using RiskFunctions.Domain.Validation;
using System.Security.Cryptography;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Json;
using RiskFunctions.Functions.Features.Idempotency;
using RiskFunctions.Functions.Security;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>
/// <c>POST /risk/v1/action/trigger-action</c>: validates the action and records it at the server's time
/// (<see cref="ActionRecorder"/>), then answers 201 with the action token (and the recommendation when
/// <c>get_recommendation=true</c>). The request carries no time of its own: only the import scope may
/// report when an action happened.
/// </summary>
internal static class TriggerActionEndpoint
{
    public const string Operation = "trigger-action";

    public static async Task<IResult> HandleAsync(HttpContext http, ActionRecorder recorder, TimeProvider time)
    {
        var cancellationToken = http.RequestAborted;
        if (!TryReadFlag(http.Request, "get_recommendation", out var withRecommendation))
        {
            return ApiError.BadRequest("get_recommendation", "must be true or false");
        }

        var body = await RequestBody.ReadJsonAsync(http.Request, RiskJsonContext.Default.TriggerActionRequest, ActionLimits.MaxBodyBytes, cancellationToken);
        var validation = body.Value is { } read ? TriggerActionValidator.Validate(read) : new ValidationResult();
        if (body.Problem(validation) is { } problem)
        {
            return ApiError.Create(problem.StatusCode, problem.Errors);
        }

        var request = body.Value!;

        var tenantId = http.User.GetTenantId();
        var idempotency = http.Features.Get<IdempotencyKeyFeature>();
        var actionToken = idempotency is null
            ? RandomNumberGenerator.GetHexString(ActionToken.Length, lowercase: true)
            : ActionToken.ForIdempotencyKey(tenantId, Operation, idempotency.Key);
        var recommendation = await recorder.RecordAsync(
            tenantId, http.User.GetClientId(), request, actionToken, time.GetUtcNow(), tokenIsDerived: idempotency is not null, cancellationToken);
        return Created(actionToken, withRecommendation ? recommendation : null);
    }

    private static IResult Created(string actionToken, RecommendationFull? recommendation) => Results.Json(
        new TriggerActionResponse { ActionToken = actionToken, Recommendation = recommendation },
        RiskJsonContext.Default.TriggerActionResponse,
        statusCode: StatusCodes.Status201Created);

    /// <summary>An optional boolean query flag: absent is false; present must be <c>true</c> or <c>false</c>.</summary>
    internal static bool TryReadFlag(HttpRequest request, string name, out bool value)
    {
        value = false;
        if (!request.Query.TryGetValue(name, out var values))
        {
            return true;
        }

        return values.Count == 1 && bool.TryParse(values[0], out value);
    }
}
