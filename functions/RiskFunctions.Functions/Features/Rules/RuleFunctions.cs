using Microsoft.Azure.Functions.Worker;
using RiskFunctions.Functions.Pipeline;
using RiskFunctions.Functions.Features.Rules.Evaluation;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Rules;

namespace RiskFunctions.Functions.Features.Rules;

/// <summary>The contract's five rule operations and each rule's hit counts; every rule belongs to the caller's tenant.</summary>
public sealed class RuleFunctions(RuleRepository repository, RuleHitStore hits, ILoggerFactory loggers)
{
    /// <summary>Keys of <c>Idempotency-Key</c> on rule creation are scoped to this operation.</summary>
    public const string CreateOperation = "create-rule";

    [Function(nameof(CreateRule))]
    [RequireScope(RiskScopes.RulesWrite)]
    [Idempotent(CreateOperation)]
    public async Task<IResult> CreateRule(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = RuleRoutes.Rules)] HttpRequest req,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await RulesApi.CreateAsync(req.HttpContext, repository, context.Service<RuleSetCache>())).Result;
    }

    [Function(nameof(GetRules))]
    [RequireScope(RiskScopes.RulesRead)]
    public async Task<IResult> GetRules(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RuleRoutes.Rules)] HttpRequest req,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await RulesApi.ListAsync(req.HttpContext, repository)).Result;
    }

    [Function(nameof(GetRule))]
    [RequireScope(RiskScopes.RulesRead)]
    public async Task<IResult> GetRule(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RuleRoutes.Rule)] HttpRequest req, string ruleId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await RulesApi.GetAsync(req.HttpContext, ruleId, repository)).Result;
    }

    [Function(nameof(UpdateRule))]
    [RequireScope(RiskScopes.RulesWrite)]
    public async Task<IResult> UpdateRule(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = RuleRoutes.Rule)] HttpRequest req, string ruleId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await RulesApi.UpdateAsync(req.HttpContext, ruleId, repository, context.Service<RuleSetCache>())).Result;
    }

    [Function(nameof(DeleteRule))]
    [RequireScope(RiskScopes.RulesWrite)]
    public async Task<IResult> DeleteRule(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = RuleRoutes.Rule)] HttpRequest req, string ruleId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await RulesApi.DeleteAsync(req.HttpContext, ruleId, repository, hits, context.Service<RuleSetCache>(), loggers)).Result;
    }

    [Function(nameof(GetRuleHits))]
    [RequireScope(RiskScopes.RulesRead)]
    public async Task<IResult> GetRuleHits(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RuleRoutes.RuleHits)] HttpRequest req, string ruleId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await RulesApi.GetHitsAsync(req.HttpContext, ruleId, repository, hits, context.Service<RuleHitFlusher>())).Result;
    }
}
