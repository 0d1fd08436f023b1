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
        var values = http.Request.Query["action_token"];
        if (values.Count > 1)
        {
            return ApiError.BadRequest("action_token", "must be given once");
        }

        var token = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrEmpty(token))
        {
            return ApiError.BadRequest("action_token", "is required");
        }

        if (!ActionToken.IsWellFormed(token))
        {
            return ApiError.BadRequest("action_token", "must be the action_token returned by trigger-action (64 lower-case hex digits)");
        }

        var stored = await actions.GetRecommendationAsync(http.User.GetTenantId(), token, http.RequestAborted);
        return stored is null
            ? ApiError.NotFound("action_token", "no action with this token")
            : Results.Bytes(RecommendationCampaignOverlay.Apply(stored), ApiError.JsonContentType);
    }
}
