using Microsoft.Azure.Functions.Worker;
using RiskFunctions.Functions.Pipeline;
using RiskFunctions.Functions.Security;

namespace RiskFunctions.Functions.Features.Models;

/// <summary><c>GET /risk/v1/models/current</c> and <c>POST /risk/v1/models/train</c>.</summary>
public sealed class ModelFunctions(TenantModelTraining training)
{
    [Function(nameof(GetCurrentModel))]
    [RequireScope(RiskScopes.RecommendationsRead)]
    public async Task<IResult> GetCurrentModel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ModelRoutes.Current)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await ModelsApi.GetCurrentAsync(req.HttpContext, training)).Result;
    }

    [Function(nameof(TrainModel))]
    [RequireScope(RiskScopes.ModelsWrite)]
    public async Task<IResult> TrainModel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ModelRoutes.Train)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await ModelsApi.TrainAsync(req.HttpContext, training)).Result;
    }
}
