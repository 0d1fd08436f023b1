using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace SampleWorkerApp.Http;

/// <summary>Shows which request headers reached the worker, so tests can check what a host forwards.</summary>
public sealed class HeaderFunctions
{
    [Function(nameof(RequestHeaders))]
    public IActionResult RequestHeaders([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "headers")] HttpRequest req) =>
        new OkObjectResult(req.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()));
}
