using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Pipeline;
using RiskFunctions.Functions.Routing;
using RiskFunctions.Functions.Security;

namespace RiskFunctions.Functions.Features.Labels.Dialects;

/// <summary>Ravelin's customer labels and DataDome's feedback, each answering errors in its vendor's body.</summary>
public sealed class DialectLabelFunctions(LabelIntake intake, IOptions<LabelsOptions> options, TimeProvider time)
{
    [Function(nameof(RavelinLabel))]
    [RequireScope(RiskScopes.LabelsWrite)]
    [ErrorFormat(typeof(RavelinErrorFormat))]
    public Task<IResult> RavelinLabel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = LabelRoutes.Ravelin)] HttpRequest req, string customerId)
    {
        ArgumentNullException.ThrowIfNull(req);
        return DialectLabelsApi.RavelinLabelAsync(req.HttpContext, RouteSegment.Unescape(customerId), intake, options, time);
    }

    [Function(nameof(DataDomeFeedback))]
    [RequireScope(RiskScopes.LabelsWrite)]
    [ErrorFormat(typeof(DataDomeErrorFormat))]
    public Task<IResult> DataDomeFeedback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = LabelRoutes.DataDome)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return DialectLabelsApi.DataDomeFeedbackAsync(req.HttpContext, intake, time);
    }
}
