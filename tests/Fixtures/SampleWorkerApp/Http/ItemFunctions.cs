using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace SampleWorkerApp.Http;

/// <summary>Route parameters, constraints, optional segments and method lists.</summary>
public sealed class ItemFunctions
{
    [Function(nameof(GetItem))]
    public IActionResult GetItem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{id:int}/{name?}")] HttpRequest req,
        int id,
        string? name) =>
        new OkObjectResult(new ItemView(id, name, req.Query["q"].ToString(), req.Method));

    [Function(nameof(Things))]
    public IActionResult Things(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "delete", Route = "things/{key}")] HttpRequest req,
        string key) =>
        new OkObjectResult(new ItemView(0, key, null, req.Method));

    public sealed record ItemView(int Id, string? Name, string? Query, string Method);
}
