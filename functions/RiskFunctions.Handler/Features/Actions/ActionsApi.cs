using RiskFunctions.Handler.Features.Idempotency;
using RiskFunctions.Handler.Hosting;
using RiskFunctions.Handler.Security;

namespace RiskFunctions.Handler.Features.Actions;

/// <summary>The action endpoints: report an action, report its result, read its recommendation.</summary>
public static class ActionsApi
{
    public const string TriggerActionRoute = "/risk/v1/action/trigger-action";
    public const string ActionResultRoute = "/risk/v1/action/result";
    public const string RecommendationRoute = "/risk/v1/recommendation";

    public static IEndpointRouteBuilder MapActionsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(string.Empty);
        group.MapPost(TriggerActionRoute, TriggerActionEndpoint.HandleAsync)
            .RequireAuthorization(RiskScopes.ActionsWrite)
            .WithIdempotency(TriggerActionEndpoint.Operation)
            .WithName(FunctionCatalog.TriggerAction);
        group.MapPost(ActionResultRoute, ActionResultEndpoint.HandleAsync)
            .RequireAuthorization(RiskScopes.ActionsWrite)
            .WithIdempotency(ActionResultEndpoint.Operation)
            .WithName(FunctionCatalog.ActionResult);
        group.MapGet(RecommendationRoute, RecommendationEndpoint.HandleAsync)
            .RequireAuthorization(RiskScopes.RecommendationsRead)
            .WithName(FunctionCatalog.GetRecommendation);
        return endpoints;
    }
}
