using Microsoft.AspNetCore.Http.HttpResults;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Rings;
using RiskFunctions.Domain.FraudRings;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Http;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Campaigns;
using RiskFunctions.Storage.FraudRings;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Features.Rings;

/// <summary>
/// <c>GET /risk/v1/fraud-rings</c>, <c>GET /risk/v1/fraud-rings/{ring_id}</c>, <c>GET /risk/v1/campaigns</c> and
/// <c>GET /risk/v1/campaigns/{campaign_id}</c>: tenant-scoped, paged by <c>limit</c> (1 to 100, default 50) and the
/// <c>cursor</c> the previous page returned; an id that is not the tenant's is 404.
/// </summary>
public static class RingsApi
{
    private const int DefaultLimit = 50;
    private const int MaxCursorLength = 128;

    /// <summary>Point reads in flight for one ring's members: a ring may have hundreds, and one request must not take every connection.</summary>
    private const int MemberReadConcurrency = 16;

    public static async Task<Results<JsonHttpResult<FraudRingListResponse>, ApiError>> ListRingsAsync(HttpContext context, FraudRingRepository rings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (limit, cursor, pagingError) = Paging(context.Request, RingIdentity.IsWellFormed);
        if (pagingError is not null)
        {
            return pagingError;
        }

        var (page, next) = await rings.ListAsync(context.User.GetTenantId(), limit, cursor, context.RequestAborted);
        return TypedResults.Json(
            new FraudRingListResponse
            {
                FraudRings = [.. page.Select(ring => new FraudRingSummary
                {
                    RingId = ring.RingId,
                    MemberCount = ring.Members.Count,
                    EvidenceCount = ring.Links.Count,
                    FirstSeen = ring.FirstSeen.ToUnixTimeMilliseconds(),
                    LastSeen = ring.LastSeen.ToUnixTimeMilliseconds(),
                })],
                NextCursor = next,
            },
            RiskJsonContext.Default.FraudRingListResponse);
    }

    public static async Task<Results<JsonHttpResult<FraudRingResponse>, ApiError>> GetRingAsync(
        HttpContext context, string ringId, FraudRingRepository rings, ActionIndexRepository index, ReputationRepository reputation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reputation);
        if (!RingIdentity.IsWellFormed(ringId))
        {
            return ApiError.NotFound("ring_id", "no such fraud ring");
        }

        var (limit, cursor, pagingError) = Paging(context.Request, IsIndexCursor);
        if (pagingError is not null)
        {
            return pagingError;
        }

        var tenantId = context.User.GetTenantId();
        var ring = await rings.ResolveAsync(tenantId, ringId, context.RequestAborted);
        if (ring is null)
        {
            return ApiError.NotFound("ring_id", "no such fraud ring");
        }

        var standings = await MemberStandingsAsync(tenantId, ring.Members, reputation, context.RequestAborted);
        var actions = await index.QueryPageAsync(tenantId, new ActionSubject(ActionSubjectKind.FraudRing, ring.RingId), continuation: cursor, pageSize: limit, cancellationToken: context.RequestAborted);
        return TypedResults.Json(
            new FraudRingResponse
            {
                RingId = ring.RingId,
                Members = ring.Members,
                Evidence = [.. ring.Links.Select(link => new FraudRingEvidence { Type = link.Entity.Kind.Code(), Value = link.Entity.Value, MemberCount = link.MemberCount })],
                FirstSeen = ring.FirstSeen.ToUnixTimeMilliseconds(),
                LastSeen = ring.LastSeen.ToUnixTimeMilliseconds(),
                RiskSummary = new FraudRingRisk
                {
                    MembersConfirmedFraud = standings.Count(s => s.Standing == ReputationStanding.ConfirmedFraud),
                    MembersSuspectedFraud = standings.Count(s => s.Standing == ReputationStanding.SuspectedFraud),
                    MembersConfirmedLegit = standings.Count(s => s.Standing == ReputationStanding.ConfirmedLegit),
                    MembersUnlabeled = standings.Count(s => s.LabelId is null),
                },
                Actions = Items(actions.Items),
                NextCursor = actions.Continuation,
            },
            RiskJsonContext.Default.FraudRingResponse);
    }

    public static async Task<Results<JsonHttpResult<CampaignListResponse>, ApiError>> ListCampaignsAsync(HttpContext context, CampaignRepository campaigns)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (limit, cursor, pagingError) = Paging(context.Request, CampaignIdentity.IsWellFormed);
        if (pagingError is not null)
        {
            return pagingError;
        }

        var (page, next) = await campaigns.ListAsync(context.User.GetTenantId(), limit, cursor, context.RequestAborted);
        return TypedResults.Json(new CampaignListResponse { Campaigns = [.. page.Select(Summary)], NextCursor = next }, RiskJsonContext.Default.CampaignListResponse);
    }

    public static async Task<Results<JsonHttpResult<CampaignResponse>, ApiError>> GetCampaignAsync(
        HttpContext context, string campaignId, CampaignRepository campaigns, ActionIndexRepository index)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!CampaignIdentity.IsWellFormed(campaignId))
        {
            return ApiError.NotFound("campaign_id", "no such campaign");
        }

        var (limit, cursor, pagingError) = Paging(context.Request, IsIndexCursor);
        if (pagingError is not null)
        {
            return pagingError;
        }

        var tenantId = context.User.GetTenantId();
        var campaign = await campaigns.GetAsync(tenantId, campaignId, context.RequestAborted);
        if (campaign is null)
        {
            return ApiError.NotFound("campaign_id", "no such campaign");
        }

        var actions = await index.QueryPageAsync(tenantId, new ActionSubject(ActionSubjectKind.Campaign, campaignId), continuation: cursor, pageSize: limit, cancellationToken: context.RequestAborted);
        return TypedResults.Json(
            new CampaignResponse
            {
                Campaign = Summary(campaign),
                DefiningFeature = new Dictionary<string, string>(StringComparer.Ordinal) { [campaign.Feature.Code()] = campaign.FeatureValue },
                Measures = campaign.Measures,
                Actions = Items(actions.Items),
                NextCursor = actions.Continuation,
            },
            RiskJsonContext.Default.CampaignResponse);
    }

    private static CampaignSummary Summary(StoredCampaign campaign) => new()
    {
        CampaignId = campaign.CampaignId,
        Kind = campaign.Kind.Code(),
        Threat = campaign.Kind.Threat().Value,
        ActionCount = campaign.ActionCount,
        FirstSeen = campaign.FirstSeen.ToUnixTimeMilliseconds(),
        LastSeen = campaign.LastSeen.ToUnixTimeMilliseconds(),
        LabelType = campaign.LabelType,
    };

    private static async Task<EntityReputation[]> MemberStandingsAsync(
        string tenantId, IReadOnlyList<string> members, ReputationRepository reputation, CancellationToken cancellationToken)
    {
        var standings = new EntityReputation[members.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, members.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MemberReadConcurrency, CancellationToken = cancellationToken },
            async (i, token) => standings[i] = await reputation.GetAsync(tenantId, ReputationEntityKind.User, members[i], token));
        return standings;
    }

    private static RingActionItem[] Items(IEnumerable<IndexedAction> actions) =>
    [
        .. actions.Select(action => new RingActionItem
        {
            ActionId = action.ActionToken,
            ActionPerformedAt = action.OccurredAt.ToUnixTimeMilliseconds(),
            UserId = action.UserId,
            DeviceId = action.DeviceId,
            Recommendation = action.Recommendation,
        }),
    ];

    /// <summary>The page size (<see cref="DefaultLimit"/> without one) and cursor of the query, or a 400 naming what is malformed.</summary>
    private static (int Limit, string? Cursor, ApiError? Error) Paging(HttpRequest request, Func<string, bool> isCursor)
    {
        var (limit, cursor, error) = ListPaging.Read(request, DefaultLimit, isCursor);
        return (limit ?? DefaultLimit, cursor, error);
    }

    private static bool IsIndexCursor(string cursor) =>
        cursor.Length is > 0 and <= MaxCursorLength && TableKeyEncoder.IsValidKey(cursor) && cursor.All(c => char.IsAsciiLetterOrDigit(c) || c is '|' or '-' or '_');
}
