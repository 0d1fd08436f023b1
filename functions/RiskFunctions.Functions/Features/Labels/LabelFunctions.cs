using Microsoft.Azure.Functions.Worker;
using RiskFunctions.Functions.Pipeline;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Labels;

namespace RiskFunctions.Functions.Features.Labels;

/// <summary><c>POST /risk/v1/label</c> and <c>GET /risk/v1/label/{label_id}</c>.</summary>
public sealed class LabelFunctions(LabelIntake intake, LabelRepository labels, TimeProvider time)
{
    [Function(nameof(CreateLabel))]
    [RequireScope(RiskScopes.LabelsWrite)]
    public async Task<IResult> CreateLabel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = LabelRoutes.Label)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await LabelsApi.CreateLabelAsync(req.HttpContext, intake, time)).Result;
    }

    [Function(nameof(GetLabel))]
    [RequireScope(RiskScopes.LabelsRead)]
    public async Task<IResult> GetLabel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = LabelRoutes.LabelStatus)] HttpRequest req, string labelId)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await LabelsApi.GetLabelAsync(req.HttpContext, labelId, labels)).Result;
    }
}
