using Microsoft.Azure.Functions.Worker;
using RiskFunctions.Functions.Pipeline;
using RiskFunctions.Functions.Security;

namespace RiskFunctions.Functions.Features.Import;

/// <summary>The historical import: past actions, results and labels with their original times.</summary>
public sealed class ImportFunction(TimeProvider time)
{
    public const string Route = "risk/v1/import/actions";

    [Function(nameof(ImportActions))]
    [RequireScope(RiskScopes.Import)]
    [BodyLimit(ImportEndpoint.MaxBodyBytes)]
    public Task<IResult> ImportActions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(req);
        return ImportEndpoint.HandleAsync(req.HttpContext, context.Service<ImportPlanner>(), context.Service<ImportApplier>(), time);
    }
}
