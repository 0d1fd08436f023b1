using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace SampleWorkerApp.Http;

/// <summary>Bodies and headers in both directions, a size limit the function enforces, and a failure.</summary>
public sealed class EchoFunctions
{
    private const int LimitedBodyBytes = 1024;

    [Function(nameof(Echo))]
    public async Task<IActionResult> Echo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "put", Route = "echo")] HttpRequest req,
        FunctionContext context)
    {
        var response = req.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = req.ContentType ?? "application/octet-stream";
        response.Headers["X-Invocation-Id"] = context.InvocationId;
        foreach (var header in req.Headers.Where(h => h.Key.StartsWith("X-Sample-", StringComparison.OrdinalIgnoreCase)))
        {
            response.Headers["X-Echo-" + header.Key["X-Sample-".Length..]] = header.Value;
        }

        // Streamed, so large bodies exercise the forwarding in both directions without buffering here.
        await req.Body.CopyToAsync(response.Body, context.CancellationToken);
        return new EmptyResult();
    }

    [Function(nameof(Limited))]
    public async Task<IActionResult> Limited(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "limited")] HttpRequest req,
        FunctionContext context)
    {
        if (req.ContentLength > LimitedBodyBytes)
        {
            return new ObjectResult(new { error = "body too large", limit = LimitedBodyBytes }) { StatusCode = StatusCodes.Status413PayloadTooLarge };
        }

        var buffer = new byte[LimitedBodyBytes + 1];
        var total = 0;
        int read;
        while ((read = await req.Body.ReadAsync(buffer.AsMemory(total, buffer.Length - total), context.CancellationToken)) > 0)
        {
            total += read;
            if (total > LimitedBodyBytes)
            {
                return new ObjectResult(new { error = "body too large", limit = LimitedBodyBytes }) { StatusCode = StatusCodes.Status413PayloadTooLarge };
            }
        }

        return new OkObjectResult(new { length = total });
    }

    [Function(nameof(Fail))]
    public IActionResult Fail([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "fail")] HttpRequest req) =>
        throw new InvalidOperationException("The sample function fails on purpose.");

    [Function(nameof(Ping))]
    public IActionResult Ping([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ping")] HttpRequest req) =>
        new OkObjectResult("pong");
}
