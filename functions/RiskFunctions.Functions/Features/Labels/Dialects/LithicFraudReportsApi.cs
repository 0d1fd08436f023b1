using RiskFunctions.Functions.Json;
using Microsoft.AspNetCore.Mvc;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Labels.Dialects;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Security;

namespace RiskFunctions.Functions.Features.Labels.Dialects;

/// <summary>
/// Lithic's transaction fraud reports: <c>POST</c> creates or updates the report on a transaction (an action of
/// the tenant, named by its token) and labels the action; <c>GET</c> returns it. Errors use Lithic's body.
/// </summary>
public static class LithicFraudReportsApi
{
    public const string Route = "lithic/v1/fraud/transactions/{transaction_token}";

    private const string TokenField = "transaction_token";

    /// <summary>
    /// 200 with the report once it (and its label) is stored, or unchanged when it says so already; 400 for bad
    /// input, 404 for a transaction the tenant does not have, 422 for a transition the state machine forbids.
    /// </summary>
    public static async Task<IResult> ReportFraudAsync(
        HttpContext httpContext,
        [FromRoute(Name = TokenField)] string transactionToken,
        LithicFraudReports fraudReports)
    {
        var body = await RequestBody.ReadJsonAsync(httpContext.Request, RiskJsonContext.Default.LithicFraudReportRequest, cancellationToken: httpContext.RequestAborted);
        var validation = new ValidationResult();
        var change = body.Value is { } read ? LithicFraudReportMapping.Validate(transactionToken, read, validation) : null;
        if (body.Problem(validation) is { } problem)
        {
            return LithicErrorFormat.Instance.Create(problem.StatusCode, problem.Errors);
        }

        var result = await fraudReports.ReportAsync(
            httpContext.User.GetTenantId(), transactionToken, change!, httpContext.User.GetClientId(), httpContext.RequestAborted);
        return result switch
        {
            { TransactionFound: false } => NotFound(),
            { Transition: null } => Error(StatusCodes.Status409Conflict, TokenField, "the report is being changed by other requests; retry"),
            { Transition.Outcome: FraudReportOutcome.Rejected } => Error(StatusCodes.Status422UnprocessableEntity, "fraud_status", result.Transition.Problem!),
            _ => TypedResults.Json(result.Transition.Report.ToContract(), RiskJsonContext.Default.LithicFraudReport),
        };
    }

    /// <summary>200 with the report, <c>NO_REPORTED_FRAUD</c> for a transaction nobody reported; 404 for a transaction the tenant does not have.</summary>
    public static async Task<IResult> GetFraudReportAsync(
        HttpContext httpContext,
        [FromRoute(Name = TokenField)] string transactionToken,
        LithicFraudReports fraudReports)
    {
        var validation = new ValidationResult();
        if (!LithicFraudReportMapping.ValidateToken(transactionToken, validation))
        {
            return LithicErrorFormat.Instance.Create(StatusCodes.Status400BadRequest, validation.Errors);
        }

        var lookup = await fraudReports.GetAsync(httpContext.User.GetTenantId(), transactionToken, httpContext.RequestAborted);
        if (lookup is null)
        {
            return NotFound();
        }

        return TypedResults.Json(lookup.Report?.ToContract() ?? FraudReport.Unreported(transactionToken), RiskJsonContext.Default.LithicFraudReport);
    }

    private static IResult NotFound() => Error(StatusCodes.Status404NotFound, TokenField, "no such transaction");

    private static IResult Error(int statusCode, string field, string problem) =>
        LithicErrorFormat.Instance.Create(statusCode, [new FieldError(field, problem)]);
}
