using RiskFunctions.Domain.Actions;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Actions;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>
/// <c>GET /risk/v1/recommendation?action_token=</c>: the recommendation computed when the action was triggered,
/// as stored: one point read, the stored bytes written as they are, unless maintenance found the action in a
/// campaign afterwards (<see cref="RecommendationCampaignOverlay"/>).
/// </summary>
internal static class RecommendationEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, ActionRepository actions)
    {
        if (!http.Request.Query.TryGetValue("action_token", out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return ApiError.BadRequest("action_token", "is required");
        }

        var token = values[0];
        if (values.Count > 1 || !ActionToken.IsWellFormed(token))
        {
            return ApiError.BadRequest("action_token", "must be the action_token returned by trigger-action (64 lower-case hex digits)");
        }

        var stored = await actions.GetRecommendationAsync(http.User.GetTenantId(), token!, http.RequestAborted);
        return stored is null
            ? ApiError.NotFound("action_token", "no action with this token")
            : Results.Bytes(RecommendationCampaignOverlay.Apply(stored), ApiError.JsonContentType);
    }
}
