using System.Text.Json;
using Microsoft.Extensions.Options;
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
using RiskFunctions.Handler.Features.Rings;
using RiskFunctions.Handler.Features.Rules.Evaluation;
using RiskFunctions.Storage.Actions;

namespace RiskFunctions.Handler.Features.Actions;

/// <summary>
/// Records one validated action: enriches it, scores it, applies the tenant's rules and stores it with its
/// recommendation. Shared by trigger-action (at the server's time) and the historical import (at the
/// action's original time), so both go through exactly the same pipeline.
/// </summary>
/// <remarks>
/// Critical path in storage round trips: the reads of <see cref="ActionAssessor"/> (one wave, plus the
/// population wave for a returning user), then the index, link and recent-activity writes (one wave, in parallel), then
/// the action row. Campaign matching is in memory (<see cref="IThreatTracker"/>): no round trip. The action row is written last: it is the commit point, so an action that can be read was
/// stored completely; a request that fails before it leaves only index rows that name no action.
/// </remarks>
internal sealed class ActionRecorder(
    ActionEnricher enricher,
    ActionAssessor assessor,
    IRuleEvaluator rules,
    ActionIndexRepository index,
    LinkRepository links,
    ActionRepository actions,
    IThreatTracker threats,
    IOptions<ScoringOptions> scoring)
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
    public async Task<RecommendationFull> RecordAsync(
        string tenantId,
        string? clientId,
        TriggerActionRequest request,
        string actionToken,
        DateTimeOffset occurredAt,
        bool tokenIsDerived,
        CancellationToken cancellationToken)
    {
        if (tokenIsDerived && await actions.GetAsync(tenantId, actionToken, cancellationToken) is { } earlier)
        {
            // A run under this key stored the action but could not record its answer (it crashed in between).
            return Deserialize(earlier);
        }

        var ip = TriggerActionValidator.CanonicalIp(request.Context?.Ip);
        var enrichment = enricher.Enrich(ip, request.Context?.UserAgent);
        var facts = ActionFactsMapper.Map(request, enrichment, ip, occurredAt);
        var features = FeatureKeys.From(facts);
        var activity = ActivityRecords.From(actionToken, facts, request.TransactionData, recommendation: null);
        var campaign = threats.Match(tenantId, activity);
        var assessing = assessor.AssessAsync(tenantId, facts, features, scoring.Value.BandsFor(tenantId), cancellationToken);
        var ruling = rules.EvaluateAsync(tenantId, RuleFactsOf(facts, enrichment), cancellationToken).AsTask();
        await Task.WhenAll(assessing, ruling);
        var (assessment, history) = await assessing;

        var recommendation = RecommendationComposer.Compose(
            actionToken, tenantId, clientId, request, ip, enrichment, assessment, history, await ruling, occurredAt, campaign);
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
        };

        var linking = facts.UserId is { } user && facts.DeviceId is { } device
            ? links.LinkAsync(tenantId, user, device, cancellationToken)
            : Task.CompletedTask;
        var recording = threats.RecordAsync(tenantId, activity with { Recommendation = stored.Recommendation }, cancellationToken);
        await Task.WhenAll(index.IndexAsync(stored, cancellationToken: cancellationToken), linking, recording);
        if (!await actions.TryAddAsync(stored, cancellationToken))
        {
            // The same key ran before and stored its action: answer with that one, not a second.
            var existing = await actions.GetAsync(tenantId, actionToken, cancellationToken)
                ?? throw new InvalidOperationException("An action reported as existing could not be read.");
            recommendation = Deserialize(existing);
        }

        return recommendation;
    }

    private static RecommendationFull Deserialize(StoredAction action) =>
        JsonSerializer.Deserialize(action.RecommendationDocument.Span, RiskJsonContext.Default.RecommendationFull)!;

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
