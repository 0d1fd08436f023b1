using Microsoft.Azure.Functions.Worker;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Pipeline;

namespace RiskFunctions.Functions.Routing;

/// <summary>
/// Any path no other function takes, with any common method: <c>404</c> in the common error body. The Functions host (and
/// the local one) orders routes by ASP.NET Core precedence, where a catch-all comes after every literal and
/// parameter segment, so this only answers what would otherwise get the host's bare 404, including a known path
/// with a method it does not serve.
/// </summary>
public sealed class NotFoundFunction
{
    [Function(nameof(NotFound))]
    [AllowAnonymous]
    public IResult NotFound([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", Route = "{*path}")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return ErrorResponses.Create(req.HttpContext, StatusCodes.Status404NotFound,
            [new FieldError("path", $"no endpoint answers {req.Method} {req.Path}")]);
    }
}
