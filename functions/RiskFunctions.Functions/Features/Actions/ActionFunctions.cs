using Microsoft.Azure.Functions.Worker;
using RiskFunctions.Functions.Pipeline;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Actions;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>Report an action, report its result, read its recommendation.</summary>
public sealed class ActionFunctions(ActionRepository actions, TimeProvider time)
{
    [Function(nameof(TriggerAction))]
    [RequireScope(RiskScopes.ActionsWrite)]
    [Idempotent(TriggerActionEndpoint.Operation)]
    public Task<IResult> TriggerAction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ActionRoutes.TriggerAction)] HttpRequest req,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(req);
        return TriggerActionEndpoint.HandleAsync(req.HttpContext, context.Service<ActionRecorder>(), time);
    }

    [Function(nameof(ActionResult))]
    [RequireScope(RiskScopes.ActionsWrite)]
    [Idempotent(ActionResultEndpoint.Operation)]
    [ActionTokenCoolDown]
    public Task<IResult> ActionResult(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ActionRoutes.ActionResult)] HttpRequest req,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(req);
        return ActionResultEndpoint.HandleAsync(req.HttpContext, context.Service<ActionResultRecorder>(), time);
    }

    [Function(nameof(GetRecommendation))]
    [RequireScope(RiskScopes.RecommendationsRead)]
    [ActionTokenCoolDown]
    public Task<IResult> GetRecommendation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ActionRoutes.Recommendation)] HttpRequest req,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(req);
        return RecommendationEndpoint.HandleAsync(req.HttpContext, actions);
    }
}
