namespace RiskFunctions.Functions.Features.Actions;

/// <summary>The action routes (host.json's route prefix is empty: these are the paths).</summary>
public static class ActionRoutes
{
    public const string TriggerAction = "risk/v1/action/trigger-action";
    public const string ActionResult = "risk/v1/action/result";
    public const string Recommendation = "risk/v1/recommendation";
}
