using System.Text.Json;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Domain.Activity;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Enrichment;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Rules.Engine;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Functions.Features.Import;
using RiskFunctions.Functions.Features.Rings;
using RiskFunctions.Functions.Features.Rules.Evaluation;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>
/// Records one validated action: enriches it, scores it, applies the tenant's rules and stores it with its
/// recommendation. Shared by trigger-action (at the server's time) and the historical import (at the
/// action's original time), so both go through exactly the same pipeline.
/// </summary>
/// <remarks>
/// Critical path in storage round trips: the reads of <see cref="ActionAssessor"/> (one wave, plus the device's and
/// fingerprint's population counts when the profile knows them and they are not cached), then every write at once: the
/// action row, and per subject its index row (with the subject's state, in one transaction, for the user, device
/// and IP address). The action row is the commit point of the answer: the token is answered only when every write
/// landed; when one fails, the action row is deleted again before the failure is answered, so an action that can be
/// read was indexed under all of its subjects. A failed request leaves at most index rows (and counted velocity)
/// that name no action, as a request that failed before the action row always could. The action's recent-activity row
/// (the input of ring and campaign maintenance) is written in the same wave; campaign matching is in memory
/// (<see cref="IThreatTracker"/>), so neither adds a round trip.
/// </remarks>
internal sealed class ActionRecorder(
    ActionEnricher enricher,
    ActionAssessor assessor,
    IRuleEvaluator rules,
    SubjectStateRepository subjects,
    ActionRepository actions,
    IThreatTracker threats)
{
    /// <summary>Records <paramref name="request"/> under <paramref name="actionToken"/> as having happened at <paramref name="occurredAt"/>.</summary>
    /// <param name="tenantId">The caller's tenant.</param>
    /// <param name="clientId">The calling client, recorded in the recommendation's context.</param>
    /// <param name="request">A request that passed <see cref="TriggerActionValidator"/>.</param>
    /// <param name="actionToken">The action's token.</param>
    /// <param name="occurredAt">When the action happened.</param>
    /// <param name="tokenIsDerived">
    /// The token was derived from a caller's key (idempotency key, import reference): an action already stored
    /// under it is the answer, so a retry never records a second one.
    /// </param>
    /// <param name="cancellationToken">Cancels storage calls.</param>
    /// <param name="session">
    /// The historical import's segment (<see cref="ImportSession"/>): states and the profile its group wrote last are
    /// not read again, and the action row and its recent-activity row are left to the segment's end, written after the
    /// index. An action already stored under the token (the batch posted again) is found beside the scoring reads, as
    /// without a session; one a concurrent post stores meanwhile is found when its row meets the stored one.
    /// </param>
    public async Task<RecommendationFull> RecordAsync(
        string tenantId,
        string? clientId,
        TriggerActionRequest request,
        string actionToken,
        DateTimeOffset occurredAt,
        bool tokenIsDerived,
        CancellationToken cancellationToken,
        ImportSession? session = null)
    {
        // A run under this key may have stored the action and crashed before its answer, or an import batch is posted
        // again: looked for beside the scoring reads, not before them (a round trip less on every keyed action; only such
        // a retry wastes the reads).
        var lookingForEarlier = tokenIsDerived ? actions.GetAsync(tenantId, actionToken, cancellationToken) : null;
        var ip = TriggerActionValidator.CanonicalIp(request.Context?.Ip);
        var enrichment = enricher.Enrich(ip, request.Context?.UserAgent);
        var facts = ActionFactsMapper.Map(request, enrichment, ip, occurredAt);
        var features = FeatureKeys.From(facts);
        var assessing = assessor.AssessAsync(tenantId, facts, features, cancellationToken, session);
        var activity = ActivityRecords.From(actionToken, facts, request.TransactionData, recommendation: null);
        if (lookingForEarlier is not null && await EarlierAsync(lookingForEarlier, assessing) is { } earlier)
        {
            // It did, maybe before every index write or its recent-activity row landed: list it again (idempotent), add
            // its activity row if missing, and answer as the first run would have. Its rules are not evaluated again, so
            // their hits are counted once; nor is it kept back by an import segment, so its results find it stored and
            // fed, and feed no profile twice.
            await Task.WhenAll(
                subjects.RecordAsync(earlier, cancellationToken: cancellationToken, deferred: session?.SubjectWrites),
                threats.RecordIfAbsentAsync(
                    tenantId, activity with { OccurredAt = earlier.OccurredAt, Recommendation = earlier.Recommendation }, cancellationToken));
            return RecommendationCampaignOverlay.Apply(earlier);
        }

        var campaign = threats.Match(tenantId, activity);
        var ruling = rules.EvaluateAsync(tenantId, RuleFactsOf(facts, enrichment), cancellationToken).AsTask();
        await Task.WhenAll(assessing, ruling);
        var (assessment, history, vector) = await assessing;

        var ruled = await ruling;
        var recommendation = RecommendationComposer.Compose(
            actionToken, tenantId, clientId, request, ip, enrichment, assessment, history.Counts, ruled, occurredAt, campaign);
        var stored = new StoredAction
        {
            TenantId = tenantId,
            ActionToken = actionToken,
            ActionType = request.ActionType!,
            OccurredAt = occurredAt,
            UserId = request.UserId,
            ClaimedUserId = request.ClaimedUserId,
            DeviceId = facts.DeviceId,
            DeviceFingerprint = facts.DeviceFingerprint,
            DevicePublicKey = facts.DevicePublicKey,
            Ip = ip,
            CorrelationId = request.CorrelationId,
            VerificationSessionId = request.VerificationSessionId,
            SessionToken = request.SessionToken,
            Recommendation = WireEnum<RecommendationType>.GetName(recommendation.Recommendation.Type),
            RecommendationDocument = JsonSerializer.SerializeToUtf8Bytes(recommendation, RiskJsonContext.Default.RecommendationFull),
            FeatureKeys = features.ToKeys(),
            Features = vector,
            FeatureSchema = vector.Length,
            Model = assessment.Model,
        };

        if (session is not null)
        {
            // Counted now in the IP address's state (shared by the groups) and in the states the session keeps for the
            // user and device; those, the other index rows and, last, the action row are written when the segment ends.
            await subjects.RecordAsync(stored, history.States, cancellationToken: cancellationToken, deferred: session.SubjectWrites);
            session.Defer(stored, activity with { Recommendation = stored.Recommendation });

            // Counted when kept back: a batch posted again finds its stored actions above and counts nothing twice.
            rules.CountHits(tenantId, ruled);
            return recommendation;
        }

        var indexing = subjects.RecordAsync(stored, history.States, cancellationToken: cancellationToken);

        // A derived token may be recorded by two runs at once (below): a merge, so neither erases the result or the
        // maintenance marks the other's row may have been given meanwhile. The same one request either way.
        var recording = tokenIsDerived
            ? threats.RecordOrMergeAsync(tenantId, activity with { Recommendation = stored.Recommendation }, cancellationToken)
            : threats.RecordAsync(tenantId, activity with { Recommendation = stored.Recommendation }, cancellationToken);
        var adding = actions.TryAddAsync(stored, cancellationToken);
        try
        {
            await Task.WhenAll(indexing, recording, adding);
        }
        catch when (adding.IsCompletedSuccessfully && adding.Result)
        {
            // Not answered, so not an action: an action that can be read is listed under every subject. Also when an index
            // write was cancelled (the caller went away) rather than failed.
            await actions.DeleteAsync(tenantId, actionToken, CancellationToken.None);
            throw;
        }

        if (!await adding)
        {
            // Another run of the same key stored its action first: answer with that one, not a second. It may be running
            // still (a run stalled past its key's lease, or the retry that took the key over), at another time and
            // perhaps with another recommendation: what this run wrote gives way to it, so the index lists the action once
            // at its time, and its activity row is the stored action's. Not the caller's to cancel, as the delete above.
            var existing = await actions.GetAsync(tenantId, actionToken, cancellationToken)
                ?? throw new InvalidOperationException("An action reported as existing could not be read.");
            await Task.WhenAll(
                subjects.ReplaceListingAsync(stored, existing, CancellationToken.None),
                threats.RecordOrMergeAsync(
                    tenantId, activity with { OccurredAt = existing.OccurredAt, Recommendation = existing.Recommendation }, CancellationToken.None));
            return RecommendationCampaignOverlay.Apply(existing);
        }

        // Counted once the action is stored: a request that failed, whose retry evaluates again, counts nothing.
        rules.CountHits(tenantId, ruled);
        return recommendation;
    }

    /// <summary>
    /// The action an earlier run under the same key stored, if any; the scoring reads are then not needed, nor their
    /// failures.
    /// </summary>
    private static async Task<StoredAction?> EarlierAsync(Task<StoredAction?> lookingForEarlier, Task assessing)
    {
        try
        {
            if (await lookingForEarlier is { } earlier)
            {
                assessing.Abandon();
                return earlier;
            }

            return null;
        }
        catch
        {
            assessing.Abandon();
            throw;
        }
    }

    private static RuleFacts RuleFactsOf(ActionFacts facts, in ActionEnrichment enrichment) => new()
    {
        Ip = facts.Network.Ip is { } ip && IpAddressValue.TryParse(ip, out var address) ? address : null,
        DeviceId = facts.DeviceId,
        DeviceFingerprint = facts.DeviceFingerprint,
        DevicePublicKey = facts.DevicePublicKey,
        UserId = facts.UserId,
        CountryCode = enrichment.IpCountry,
        BrowserName = enrichment.BrowserName,
        OsVersion = enrichment.OsVersion,
    };
}
