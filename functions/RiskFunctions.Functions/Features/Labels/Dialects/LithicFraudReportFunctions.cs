using Microsoft.Azure.Functions.Worker;
using RiskFunctions.Functions.Pipeline;
using RiskFunctions.Functions.Security;

namespace RiskFunctions.Functions.Features.Labels.Dialects;

/// <summary>
/// Lithic's fraud reports on a transaction (an action, named by its action token), with Lithic's error body. The
/// token is presented by the caller, so the action-token cool-down applies.
/// </summary>
public sealed class LithicFraudReportFunctions(LithicFraudReports fraudReports)
{
    [Function(nameof(ReportFraud))]
    [RequireScope(RiskScopes.LabelsWrite)]
    [ErrorFormat(typeof(LithicErrorFormat))]
    [ActionTokenCoolDown]
    public Task<IResult> ReportFraud(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = LabelRoutes.LithicFraudReport)] HttpRequest req, string transactionToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return LithicFraudReportsApi.ReportFraudAsync(req.HttpContext, transactionToken, fraudReports);
    }

    [Function(nameof(GetFraudReport))]
    [RequireScope(RiskScopes.LabelsRead)]
    [ErrorFormat(typeof(LithicErrorFormat))]
    [ActionTokenCoolDown]
    public Task<IResult> GetFraudReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = LabelRoutes.LithicFraudReport)] HttpRequest req, string transactionToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return LithicFraudReportsApi.GetFraudReportAsync(req.HttpContext, transactionToken, fraudReports);
    }
}
