using System.Text.Json;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Functions.Features.Rings;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Profiles;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>
/// Records the outcome of a stored action (and the challenge enforced) on its recommendation, binds the user
/// to an action reported anonymously, and lets a successful action (unchallenged, or with its challenge
/// passed) build its user's profile, once. Shared by action/result (at the server's time) and the historical
/// import (at the result's original time).
/// </summary>
internal sealed class ActionResultRecorder(
    ActionRepository actions,
    SubjectStateRepository subjects,
    ProfileRepository profiles,
    PopulationRepository population,
    IThreatTracker threats)
{
    private const int MaxAttempts = 10;

    /// <summary>Records <paramref name="request"/> (validated) for the action <paramref name="actionToken"/>.</summary>
    /// <param name="tenantId">The caller's tenant.</param>
    /// <param name="actionToken">The action.</param>
    /// <param name="request">The result.</param>
    /// <param name="reportedAt">When the result happened.</param>
    /// <param name="cancellationToken">Cancels storage calls.</param>
    /// <param name="deferredPopulation">
    /// Where a batch gathers the population increments it writes at once (the import); when <c>null</c>, they are
    /// written before this returns.
    /// </param>
    public async Task<ActionResultOutcome> RecordAsync(
        string tenantId,
        string actionToken,
        ActionResultRequest request,
        DateTimeOffset reportedAt,
        CancellationToken cancellationToken,
        PopulationDelta? deferredPopulation = null)
    {
        StoredAction updated;
        StoredAction before;
        for (var attempt = 1; ; attempt++)
        {
            if (await actions.GetAsync(tenantId, actionToken, cancellationToken) is not { } current)
            {
                return ActionResultOutcome.NotFound;
            }

            before = current;

            if (UserConflict(before, request.UserId) is { } conflict)
            {
                return ActionResultOutcome.UserConflict(conflict);
            }

            updated = WithResult(before, request, reportedAt);
            if (await actions.TryReplaceAsync(updated, cancellationToken))
            {
                break;
            }

            if (attempt == MaxAttempts)
            {
                return ActionResultOutcome.Concurrent;
            }
        }

        // Campaign detection counts failed logins: the result goes to the action's recent-activity row too.
        await threats.RecordResultAsync(tenantId, actionToken, updated.Result!, cancellationToken);
        if (before.SubjectUserId is null && updated.BoundUserId is { } boundUser)
        {
            // The action now has a user: list it under the user, and link the user and its device to each other.
            ActionSubject[] bound = updated.DeviceId is { } device
                ? [new(ActionSubjectKind.UserId, boundUser), new(ActionSubjectKind.DeviceId, device)]
                : [new(ActionSubjectKind.UserId, boundUser)];
            await subjects.RecordAsync(updated, subjects: bound, cancellationToken: cancellationToken);
        }

        if (request.Result == ResultType.Success && !updated.ProfileFed && updated.SubjectUserId is { } user)
        {
            var features = ActionFeatures.FromKeys(updated.FeatureKeys);
            var update = await profiles.FeedAsync(tenantId, user, features, updated.ActionToken, updated.OccurredAt, cancellationToken);
            if (deferredPopulation is null)
            {
                await population.IncrementAsync(tenantId, update, updated.ActionToken, cancellationToken);
            }
            else
            {
                deferredPopulation.Add(update);
            }

            await actions.MarkProfileFedAsync(tenantId, updated.ActionToken, cancellationToken);
        }

        return ActionResultOutcome.Recorded;
    }

    /// <summary>Why <paramref name="userId"/> cannot be the action's user, or <c>null</c> when it can.</summary>
    internal static string? UserConflict(StoredAction action, string? userId)
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

/// <summary>What recording a result came to; <see cref="Problem"/> says why when it was refused.</summary>
internal sealed record ActionResultOutcome(ActionResultStatus Status, string? Problem = null)
{
    public static ActionResultOutcome Recorded { get; } = new(ActionResultStatus.Recorded);

    public static ActionResultOutcome NotFound { get; } = new(ActionResultStatus.NotFound, "no action with this token");

    public static ActionResultOutcome Concurrent { get; } = new(ActionResultStatus.Concurrent, "the action is being updated concurrently; retry");

    public static ActionResultOutcome UserConflict(string problem) => new(ActionResultStatus.UserConflict, problem);
}

internal enum ActionResultStatus
{
    Recorded,
    NotFound,
    UserConflict,
    Concurrent,
}
