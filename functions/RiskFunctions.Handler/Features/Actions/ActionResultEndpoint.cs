using System.Text.Json;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Handler.Errors;
using RiskFunctions.Handler.Json;
using RiskFunctions.Handler.Security;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Profiles;

namespace RiskFunctions.Handler.Features.Actions;

/// <summary>
/// <c>POST /risk/v1/action/result</c>: records the outcome of an action (and the challenge enforced) on its
/// stored recommendation, binds the user to an action reported anonymously, and lets a successful action
/// (unchallenged, or with its challenge passed) build its user's profile, once.
/// </summary>
internal static class ActionResultEndpoint
{
    public const string Operation = "action-result";

    private const int MaxAttempts = 10;

    public static async Task<IResult> HandleAsync(
        HttpContext http,
        ActionRepository actions,
        ActionIndexRepository index,
        LinkRepository links,
        ProfileRepository profiles,
        PopulationRepository population,
        TimeProvider time)
    {
        var cancellationToken = http.RequestAborted;
        var (request, error) = await RequestBody.ReadJsonAsync(http.Request, RiskJsonContext.Default.ActionResultRequest, ActionLimits.MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var validation = ActionResultValidator.Validate(request!);
        if (!validation.IsValid)
        {
            return ApiError.BadRequest(validation);
        }

        var tenantId = http.User.GetTenantId();
        StoredAction updated;
        StoredAction before;
        for (var attempt = 1; ; attempt++)
        {
            if (await actions.GetAsync(tenantId, request!.ActionToken!, cancellationToken) is not { } current)
            {
                return ApiError.NotFound("action_token", "no action with this token");
            }

            before = current;

            if (UserConflict(before, request.UserId) is { } conflict)
            {
                return ApiError.BadRequest("user_id", conflict);
            }

            updated = WithResult(before, request, time.GetUtcNow());
            if (await actions.TryReplaceAsync(updated, cancellationToken))
            {
                break;
            }

            if (attempt == MaxAttempts)
            {
                return ApiError.Conflict("action_token", "the action is being updated concurrently; retry");
            }
        }

        if (before.SubjectUserId is null && updated.BoundUserId is { } boundUser)
        {
            // The action now has a user: list it under the user, and link the user to its device.
            var linking = updated.DeviceId is { } device ? links.LinkAsync(tenantId, boundUser, device, cancellationToken) : Task.CompletedTask;
            await Task.WhenAll(index.IndexAsync(updated, [new ActionSubject(ActionSubjectKind.UserId, boundUser)], cancellationToken), linking);
        }

        if (request!.Result == ResultType.Success && !updated.ProfileFed && updated.SubjectUserId is { } user)
        {
            var features = ActionFeatures.FromKeys(updated.FeatureKeys);
            var update = await profiles.FeedAsync(tenantId, user, features, updated.ActionToken, updated.OccurredAt, cancellationToken);
            await population.IncrementAsync(tenantId, update, updated.ActionToken, cancellationToken);
            await actions.MarkProfileFedAsync(tenantId, updated.ActionToken, cancellationToken);
        }

        return Results.Json(
            new ActionResultResponse { Message = "Action result recorded" },
            RiskJsonContext.Default.ActionResultResponse,
            statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Why <paramref name="userId"/> cannot be the action's user, or <c>null</c> when it can.</summary>
    private static string? UserConflict(StoredAction action, string? userId)
    {
        if (userId is null)
        {
            return null;
        }

        if (action.UserId is { } reported && !string.Equals(reported, userId, StringComparison.Ordinal))
        {
            return "does not match the user_id the action was reported with";
        }

        if (action.BoundUserId is { } bound && !string.Equals(bound, userId, StringComparison.Ordinal))
        {
            return "the action's result was already reported for another user";
        }

        return null;
    }

    private static StoredAction WithResult(StoredAction action, ActionResultRequest request, DateTimeOffset now)
    {
        var bound = action.UserId is null ? request.UserId ?? action.BoundUserId : null;
        var document = JsonSerializer.Deserialize(action.RecommendationDocument.Span, RiskJsonContext.Default.RecommendationFull)!;
        document = document with
        {
            Recommendation = document.Recommendation with { Result = request.Result, ChallengeType = request.ChallengeType },
            Context = bound is null ? document.Context : document.Context with { UserId = bound },
        };
        return action with
        {
            Result = WireEnum<ResultType>.GetName(request.Result!.Value),
            ChallengeType = request.ChallengeType is { } challenge ? WireEnum<ChallengeType>.GetName(challenge) : null,
            ResultAt = now,
            BoundUserId = bound,
            RecommendationDocument = JsonSerializer.SerializeToUtf8Bytes(document, RiskJsonContext.Default.RecommendationFull),
        };
    }
}
