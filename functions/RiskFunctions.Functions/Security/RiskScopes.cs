namespace RiskFunctions.Functions.Security;

/// <summary>
/// The OAuth scopes a client can hold. Each scope is also the name of the authorization policy that
/// requires it, so an endpoint says what it needs with <c>RequireAuthorization(RiskScopes.RulesWrite)</c>.
/// </summary>
public static class RiskScopes
{
    public const string ActionsWrite = "actions:write";
    public const string RecommendationsRead = "recommendations:read";
    public const string RulesRead = "rules:read";
    public const string RulesWrite = "rules:write";
    public const string LabelsRead = "labels:read";
    public const string LabelsWrite = "labels:write";

    /// <summary>Trusted bulk paths (historical import) that may carry original timestamps.</summary>
    public const string Import = "import:write";

    /// <summary>Training the tenant's learned model on demand (<c>POST /risk/v1/models/train</c>): an administrator's.</summary>
    public const string ModelsWrite = "models:write";

    public static IReadOnlyList<string> All { get; } =
        [ActionsWrite, RecommendationsRead, RulesRead, RulesWrite, LabelsRead, LabelsWrite, Import, ModelsWrite];

    /// <summary>What an ordinary integration gets when no scopes are asked for: everything but import and model training.</summary>
    public static IReadOnlyList<string> Default { get; } =
        [ActionsWrite, RecommendationsRead, RulesRead, RulesWrite, LabelsRead, LabelsWrite];
}
