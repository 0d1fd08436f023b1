using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace SampleWorkerApp.Http;

/// <summary>Exposes what the queue and timer functions saw.</summary>
public sealed class TriggerLogFunctions(TriggerLog log)
{
    [Function(nameof(Invocations))]
    public IActionResult Invocations([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invocations")] HttpRequest req) =>
        new OkObjectResult(log.Snapshot());

    [Function(nameof(QueueConcurrency))]
    public IActionResult QueueConcurrency([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invocations/concurrency")] HttpRequest req) =>
        new OkObjectResult(new { mostRunning = log.MostRunning });
}
