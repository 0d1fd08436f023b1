using System.Text.Json;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Functions.Features.Import;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Rings;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.TableSupport;
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
    ProfileSnapshotCache knownProfiles,
    PopulationRepository population,
    IThreatTracker threats,
    BoundActionLabels boundLabels)
{
    private const int MaxAttempts = 10;

    /// <summary>Records <paramref name="request"/> (validated) for the action <paramref name="actionToken"/>.</summary>
    /// <param name="tenantId">The caller's tenant.</param>
    /// <param name="actionToken">The action.</param>
    /// <param name="request">The result.</param>
    /// <param name="reportedAt">When the result happened.</param>
    /// <param name="cancellationToken">Cancels storage calls.</param>
    /// <param name="deferredPopulation">
    /// Where a batch gathers the population increments it writes at once (the import); when <c>null</c>, they go to the
    /// instance's, written within a second (<see cref="PopulationFlusher"/>).
    /// </param>
    /// <param name="session">
    /// The historical import's segment: an action it kept back gets the result in its row (written when the segment
    /// ends), and the profile its group read or fed last is fed without reading it again.
    /// </param>
    /// <remarks>
    /// One write of the action: the profile is fed first, then one replace conditional on the version read stores the
    /// result and <see cref="StoredAction.ProfileFed"/> together (a lost race reads the action again and loops), with the
    /// recent-activity row's merge beside it. What a crash can leave: the profile fed (and the activity row told the
    /// result) and the action without its result. The retry feeds again, which the profile
    /// answers as already applied (it keeps its most recent action ids), so nothing is counted twice, and stores the
    /// result. The population increments of a feed are gathered after the feed (in the instance's delta, or the
    /// segment's) and only for a feed that was not already applied, so a crash before they are written loses them and
    /// never doubles them.
    /// </remarks>
    public async Task<ActionResultOutcome> RecordAsync(
        string tenantId,
        string actionToken,
        ActionResultRequest request,
        DateTimeOffset reportedAt,
        CancellationToken cancellationToken,
        PopulationDelta? deferredPopulation = null,
        ImportSession? session = null)
    {
        if (session?.Pending(actionToken) is { } pending)
        {
            return await RecordPendingAsync(tenantId, pending, request, reportedAt, deferredPopulation, session, cancellationToken);
        }

        StoredAction? updated = null;
        ActionResultOutcome? failed = null;
        Task? recording = null;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var before = await actions.GetAsync(tenantId, actionToken, cancellationToken);
                if (before is null)
                {
                    failed = ActionResultOutcome.NotFound;
                    break;
                }

                if (UserConflict(before, request.UserId) is { } conflict)
                {
                    failed = ActionResultOutcome.UserConflict(conflict);
                    break;
                }

                updated = await FeedIfSuccessAsync(tenantId, before, WithResult(before, request, reportedAt), request, deferredPopulation, session, cancellationToken);
                var replacing = actions.TryReplaceAsync(updated, cancellationToken);

                // Campaign detection counts failed logins: the result goes to the action's recent-activity row too, beside
                // the replace rather than after it (a round trip less). The row only feeds maintenance, and every attempt
                // writes the same result, so once is enough; a replace that fails in the end answers an error, and the
                // client's retry writes both again.
                recording ??= threats.RecordResultAsync(tenantId, actionToken, updated.Result!, cancellationToken);
                if (await replacing)
                {
                    break;
                }

                if (attempt == MaxAttempts)
                {
                    failed = ActionResultOutcome.Concurrent;
                    break;
                }
            }
        }
        catch when (recording is not null)
        {
            // The replace's failure is the answer; the merge's own outcome no longer matters.
            recording.Abandon();
            throw;
        }

        if (recording is not null)
        {
            await recording;
        }

        if (failed is not null)
        {
            return failed;
        }

        await BindUserAsync(updated!, session, cancellationToken);
        return ActionResultOutcome.Recorded;
    }

    private async Task<ActionResultOutcome> RecordPendingAsync(
        string tenantId,
        StoredAction before,
        ActionResultRequest request,
        DateTimeOffset reportedAt,
        PopulationDelta? deferredPopulation,
        ImportSession session,
        CancellationToken cancellationToken)
    {
        if (UserConflict(before, request.UserId) is { } conflict)
        {
            return ActionResultOutcome.UserConflict(conflict);
        }

        var updated = await FeedIfSuccessAsync(tenantId, before, WithResult(before, request, reportedAt), request, deferredPopulation, session, cancellationToken);
        await BindUserAsync(updated, session, cancellationToken);
        session.ResultRecorded(updated);
        return ActionResultOutcome.Recorded;
    }

    /// <summary>
    /// A success (unchallenged, or its challenge passed) of an action not yet fed builds its user's profile: fed now
    /// (idempotent per action), then returned marked as fed, for the caller's one write of the action.
    /// </summary>
    private async Task<StoredAction> FeedIfSuccessAsync(
        string tenantId,
        StoredAction before,
        StoredAction updated,
        ActionResultRequest request,
        PopulationDelta? deferredPopulation,
        ImportSession? session,
        CancellationToken cancellationToken)
    {
        if (request.Result != ResultType.Success || before.ProfileFed || updated.SubjectUserId is not { } user)
        {
            return updated;
        }

        var features = ActionFeatures.FromKeys(updated.FeatureKeys);
        // Starts from the profile as last read here (mostly by this action's trigger-action), not read again: the write is
        // conditional on its version, so a profile changed since is read and fed on top.
        var known = session is null ? knownProfiles.Get(tenantId, user) : session.Profile(user);
        var (update, after) = await profiles.FeedAsync(tenantId, user, features, updated.ActionToken, updated.OccurredAt, known, cancellationToken);
        if (session is null)
        {
            knownProfiles.Set(tenantId, user, after);
        }
        else
        {
            session.ProfileKnown(user, after);
        }
        if (deferredPopulation is null)
        {
            population.Increment(tenantId, update);
        }
        else
        {
            deferredPopulation.Add(tenantId, update);
        }

        return updated with { ProfileFed = true };
    }

    /// <summary>
    /// An action reported without a user_id has one from a result: list it under the user, link the user and its
    /// device to each other, and give it the user's label if the user was labeled before (<see cref="BoundActionLabels"/>).
    /// On every result that names the user, not only the first: a run that stored the binding and failed before listing
    /// it is answered with an error, and its retry finds the binding stored already. Listing and labeling are idempotent
    /// (an action counts once in a state; its index row and the label's mark are written again).
    /// </summary>
    private async Task BindUserAsync(StoredAction updated, ImportSession? session, CancellationToken cancellationToken)
    {
        if (updated.UserId is not null || updated.BoundUserId is not { } boundUser)
        {
            return;
        }

        ActionSubject[] bound = updated.DeviceId is { } device
            ? [new(ActionSubjectKind.UserId, boundUser), new(ActionSubjectKind.DeviceId, device)]
            : [new(ActionSubjectKind.UserId, boundUser)];
        await subjects.RecordAsync(updated, subjects: bound, cancellationToken: cancellationToken, deferred: session?.SubjectWrites);
        if (session is null)
        {
            // After the listing, not beside it: a label registering meanwhile then finds the action in the user's index.
            await boundLabels.ApplyAsync(updated, boundUser, cancellationToken);
        }
        else
        {
            // The listing is kept back until the segment ends, and so is this.
            session.Bound(updated, boundUser);
        }
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
