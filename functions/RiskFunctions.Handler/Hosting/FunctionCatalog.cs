namespace RiskFunctions.Handler.Hosting;

/// <summary>
/// The one list of the app's functions. <c>function.json</c> files are generated from it, and tests
/// fail when an endpoint exists without an entry or an entry without an endpoint. Adding an HTTP
/// endpoint means adding its entry here in the same change.
/// </summary>
public static class FunctionCatalog
{
    public const string Health = nameof(Health);
    public const string HealthReady = nameof(HealthReady);
    public const string OpenApiJson = nameof(OpenApiJson);
    public const string OpenApiYaml = nameof(OpenApiYaml);
    public const string TriggerAction = nameof(TriggerAction);
    public const string ActionResult = nameof(ActionResult);
    public const string GetRecommendation = nameof(GetRecommendation);
    public const string ImportActions = nameof(ImportActions);
    public const string LabelPropagation = nameof(LabelPropagation);
    public const string LabelOutboxRelay = nameof(LabelOutboxRelay);
    public const string CreateRule = nameof(CreateRule);
    public const string GetRules = nameof(GetRules);
    public const string GetRule = nameof(GetRule);
    public const string UpdateRule = nameof(UpdateRule);
    public const string DeleteRule = nameof(DeleteRule);
    public const string GetRuleHits = nameof(GetRuleHits);
    public const string ListFraudRings = nameof(ListFraudRings);
    public const string GetFraudRing = nameof(GetFraudRing);
    public const string ListCampaigns = nameof(ListCampaigns);
    public const string GetCampaign = nameof(GetCampaign);
    public const string RingCampaignMaintenance = nameof(RingCampaignMaintenance);

    /// <summary>App setting holding the label propagation queue's name.</summary>
    public const string LabelPropagationQueueSetting = "LabelPropagationQueue";

    /// <summary>App setting holding the outbox relay's NCRONTAB schedule.</summary>
    public const string LabelOutboxRelayScheduleSetting = "LabelOutboxRelaySchedule";

    /// <summary>Ring and campaign maintenance runs every minute (NCRONTAB).</summary>
    public const string RingCampaignMaintenanceSchedule = "0 */1 * * * *";

    /// <summary>Connection setting name of the Service Bus namespace (identity-based in Azure).</summary>
    public const string ServiceBusConnection = nameof(ServiceBusConnection);

    public static IReadOnlyList<FunctionDefinition> All { get; } =
    [
        // Liveness is public so probes can reach it through the host; readiness reveals dependency
        // state and needs a function key.
        FunctionDefinition.Http(Health, "health", FunctionAuthLevel.Anonymous, HttpMethods.Get),
        FunctionDefinition.Http(HealthReady, "health/ready", FunctionAuthLevel.Function, HttpMethods.Get),

        // Token signing keys and issuer metadata, for clients and gateways that validate our tokens.
        FunctionDefinition.Http("Jwks", ".well-known/jwks.json", FunctionAuthLevel.Anonymous, HttpMethods.Get),
        FunctionDefinition.Http("OpenIdConfiguration", ".well-known/openid-configuration", FunctionAuthLevel.Anonymous, HttpMethods.Get),

        // The service's OpenAPI document; public so clients can read it before they hold a token.
        FunctionDefinition.Http(OpenApiJson, "openapi/v1.json", FunctionAuthLevel.Anonymous, HttpMethods.Get),
        FunctionDefinition.Http(OpenApiYaml, "openapi/v1.yaml", FunctionAuthLevel.Anonymous, HttpMethods.Get),

        // OAuth 2.0 client credentials: clients authenticate with their own secret, not a function key.
        FunctionDefinition.Http("Token", "oidc/token", FunctionAuthLevel.Anonymous, HttpMethods.Post),

        // Actions in, recommendations out: the bearer token authorizes, not a function key.
        FunctionDefinition.Http(TriggerAction, "risk/v1/action/trigger-action", FunctionAuthLevel.Anonymous, HttpMethods.Post),
        FunctionDefinition.Http(ActionResult, "risk/v1/action/result", FunctionAuthLevel.Anonymous, HttpMethods.Post),
        FunctionDefinition.Http(GetRecommendation, "risk/v1/recommendation", FunctionAuthLevel.Anonymous, HttpMethods.Get),

        // Historical import (original timestamps): the import:write scope authorizes, not a function key.
        FunctionDefinition.Http(ImportActions, "risk/v1/import/actions", FunctionAuthLevel.Anonymous, HttpMethods.Post),

        // Labels: accepted through the label API, propagated asynchronously (below).
        FunctionDefinition.Http("Label", "risk/v1/label", FunctionAuthLevel.Anonymous, HttpMethods.Post),
        FunctionDefinition.Http("LabelStatus", "risk/v1/label/{label_id}", FunctionAuthLevel.Anonymous, HttpMethods.Get),
        FunctionDefinition.Http("RavelinCustomerLabel", "ravelin/v2/customer/{customerId}/labels", FunctionAuthLevel.Anonymous, HttpMethods.Post),
        FunctionDefinition.Http("DataDomeFeedback", "datadome/v1/feedback", FunctionAuthLevel.Anonymous, HttpMethods.Post),
        FunctionDefinition.Http("LithicReportFraud", "lithic/v1/fraud/transactions/{transaction_token}", FunctionAuthLevel.Anonymous, HttpMethods.Post),
        FunctionDefinition.Http("LithicGetFraudReport", "lithic/v1/fraud/transactions/{transaction_token}", FunctionAuthLevel.Anonymous, HttpMethods.Get),

        // Recommendation rules (the contract's five operations) and their hit counts.
        FunctionDefinition.Http(CreateRule, "risk/v1/recommendation/rules", FunctionAuthLevel.Anonymous, HttpMethods.Post),
        FunctionDefinition.Http(GetRules, "risk/v1/recommendation/rules", FunctionAuthLevel.Anonymous, HttpMethods.Get),
        FunctionDefinition.Http(GetRule, "risk/v1/recommendation/rules/{rule_id}", FunctionAuthLevel.Anonymous, HttpMethods.Get),
        FunctionDefinition.Http(UpdateRule, "risk/v1/recommendation/rules/{rule_id}", FunctionAuthLevel.Anonymous, HttpMethods.Put),
        FunctionDefinition.Http(DeleteRule, "risk/v1/recommendation/rules/{rule_id}", FunctionAuthLevel.Anonymous, HttpMethods.Delete),
        FunctionDefinition.Http(GetRuleHits, "risk/v1/recommendation/rules/{rule_id}/hits", FunctionAuthLevel.Anonymous, HttpMethods.Get),

        // Fraud rings and campaigns found by maintenance (below), read with recommendations:read.
        FunctionDefinition.Http(ListFraudRings, "risk/v1/fraud-rings", FunctionAuthLevel.Anonymous, HttpMethods.Get),
        FunctionDefinition.Http(GetFraudRing, "risk/v1/fraud-rings/{ring_id}", FunctionAuthLevel.Anonymous, HttpMethods.Get),
        FunctionDefinition.Http(ListCampaigns, "risk/v1/campaigns", FunctionAuthLevel.Anonymous, HttpMethods.Get),
        FunctionDefinition.Http(GetCampaign, "risk/v1/campaigns/{campaign_id}", FunctionAuthLevel.Anonymous, HttpMethods.Get),

        new(LabelPropagation, new ServiceBusQueueTrigger($"%{LabelPropagationQueueSetting}%", ServiceBusConnection)),
        new(LabelOutboxRelay, new TimerTrigger($"%{LabelOutboxRelayScheduleSetting}%")),
        new(RingCampaignMaintenance, new TimerTrigger(RingCampaignMaintenanceSchedule)),
    ];

    /// <summary>The catalog's own consistency rules; a violation is a programming error.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<FunctionDefinition> functions)
    {
        var problems = new List<string>();
        var list = functions.ToList();
        problems.AddRange(list.Where(f => !FunctionDefinition.IsValidName(f.Name)).Select(f => $"'{f.Name}' is not a valid function name"));
        problems.AddRange(list.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"function name '{g.Key}' is used {g.Count()} times"));
        problems.AddRange(list.Select(f => f.Trigger).OfType<HttpTrigger>()
            .SelectMany(t => t.Methods.Select(m => (Method: m, Route: t.Route.ToLowerInvariant())))
            .GroupBy(x => x).Where(g => g.Count() > 1).Select(g => $"{g.Key.Method} {g.Key.Route} is declared {g.Count()} times"));
        problems.AddRange(list.Where(f => f.Trigger is HttpTrigger { Methods.Count: 0 }).Select(f => $"'{f.Name}' declares no HTTP method"));
        problems.AddRange(list.Where(f => f.Trigger is HttpTrigger t && t.Route.StartsWith('/')).Select(f => $"'{f.Name}' route must not start with '/'"));
        return problems;
    }
}
