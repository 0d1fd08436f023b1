using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Enrichment;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Rules.Engine;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Handler.Errors;
using RiskFunctions.Handler.Json;
using RiskFunctions.Handler.Features.Idempotency;
using RiskFunctions.Handler.Features.Rules.Evaluation;
using RiskFunctions.Handler.Security;
using RiskFunctions.Storage.Actions;

namespace RiskFunctions.Handler.Features.Actions;

/// <summary>
/// <c>POST /risk/v1/action/trigger-action</c>: validates and enriches the action, scores it, applies the
/// tenant's rules, stores the action with its recommendation, and answers 201 with the action token (and the
/// recommendation when <c>get_recommendation=true</c>).
/// </summary>
/// <remarks>
/// Critical path in storage round trips: the reads of <see cref="ActionAssessor"/> (one wave, plus the
/// population wave for a returning user), then the index and link writes (one wave, in parallel), then the
/// action row. The action row is written last: it is the commit point, so an action that can be read was
/// stored completely; a request that fails before it leaves only index rows that name no action.
/// </remarks>
internal static class TriggerActionEndpoint
{
    public const string Operation = "trigger-action";

    public static async Task<IResult> HandleAsync(
        HttpContext http,
        ActionEnricher enricher,
        ActionAssessor assessor,
        IRuleEvaluator rules,
        ActionIndexRepository index,
        LinkRepository links,
        ActionRepository actions,
        IOptions<ScoringOptions> scoring,
        TimeProvider time)
    {
        var cancellationToken = http.RequestAborted;
        if (!TryReadFlag(http.Request, "get_recommendation", out var withRecommendation))
        {
            return ApiError.BadRequest("get_recommendation", "must be true or false");
        }

        var (request, error) = await RequestBody.ReadJsonAsync(http.Request, RiskJsonContext.Default.TriggerActionRequest, ActionLimits.MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var validation = TriggerActionValidator.Validate(request!);
        if (!validation.IsValid)
        {
            return ApiError.BadRequest(validation);
        }

        var tenantId = http.User.GetTenantId();
        var occurredAt = time.GetUtcNow();
        var ip = TriggerActionValidator.CanonicalIp(request!.Context?.Ip);
        var enrichment = enricher.Enrich(ip, request.Context?.UserAgent);
        var facts = ActionFactsMapper.Map(request, enrichment, ip, occurredAt);
        var features = FeatureKeys.From(facts);
        var idempotency = http.Features.Get<IdempotencyKeyFeature>();
        var actionToken = idempotency is null
            ? RandomNumberGenerator.GetHexString(ActionToken.Length, lowercase: true)
            : ActionToken.ForIdempotencyKey(tenantId, Operation, idempotency.Key);
        if (idempotency is not null && await actions.GetAsync(tenantId, actionToken, cancellationToken) is { } earlier)
        {
            // A run under this key stored the action but could not record its answer (it crashed in between).
            return Created(actionToken, withRecommendation ? Deserialize(earlier) : null);
        }

        var assessing = assessor.AssessAsync(tenantId, facts, features, scoring.Value.BandsFor(tenantId), cancellationToken);
        var ruling = rules.EvaluateAsync(tenantId, RuleFactsOf(facts, enrichment), cancellationToken).AsTask();
        await Task.WhenAll(assessing, ruling);
        var (assessment, history) = await assessing;

        var recommendation = RecommendationComposer.Compose(
            actionToken, tenantId, http.User.GetClientId(), request, ip, enrichment, assessment, history, await ruling, occurredAt);
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
        await Task.WhenAll(index.IndexAsync(stored, cancellationToken: cancellationToken), linking);
        if (!await actions.TryAddAsync(stored, cancellationToken))
        {
            // The same idempotency key ran before and stored its action: answer with that one, not a second.
            var existing = await actions.GetAsync(tenantId, actionToken, cancellationToken)
                ?? throw new InvalidOperationException("An action reported as existing could not be read.");
            recommendation = Deserialize(existing);
        }

        return Created(actionToken, withRecommendation ? recommendation : null);
    }

    private static IResult Created(string actionToken, RecommendationFull? recommendation) => Results.Json(
        new TriggerActionResponse { ActionToken = actionToken, Recommendation = recommendation },
        RiskJsonContext.Default.TriggerActionResponse,
        statusCode: StatusCodes.Status201Created);

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
