using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using RiskFunctions.Functions.Pipeline;
using RiskFunctions.Handler.Features.Actions;
using RiskFunctions.Handler.Features.Import;
using RiskFunctions.Handler.Security;

namespace RiskFunctions.Functions.Features.Import;

/// <summary>The historical import: past actions, results and labels with their original times.</summary>
public sealed class ImportFunction(TimeProvider time)
{
    public const string Route = "risk/v1/import/actions";

    [Function(nameof(ImportActions))]
    [RequireScope(RiskScopes.Import)]
    [BodyLimit(ImportEndpoint.MaxBodyBytes)]
    public async Task<IResult> ImportActions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(req);
        var tables = context.Service<ActionTablesGate>();
        await tables.EnsureAsync(req.HttpContext.RequestAborted);
        return await ImportEndpoint.HandleAsync(
            req.HttpContext, context.Service<ImportPlanner>(), context.Service<ImportApplier>(), tables, time);
    }
}
