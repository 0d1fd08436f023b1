using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RiskFunctions.LocalHost.ServiceBus;

namespace RiskFunctions.LocalHost.Admin;

/// <summary>
/// Admin endpoints, answered only to loopback callers: the Functions host's <c>POST /admin/functions/{name}</c>
/// (run a non-HTTP function now) and <c>GET /admin/host/status</c>, plus the local Service Bus queues under
/// <c>/admin/local/queues/{queue}</c> (send in the Service Bus REST shape, counts, dead letters).
/// </summary>
internal static class AdminEndpoints
{
    public static void MapLocalHostAdmin(this IEndpointRouteBuilder endpoints, LocalFunctionsHost host)
    {
        var admin = endpoints.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
                ? await next(context)
                : Results.StatusCode(StatusCodes.Status403Forbidden));

        admin.MapGet("/host/status", () => Results.Json(
            new Dictionary<string, string> { ["state"] = host.IsRunning ? "Running" : "Starting" },
            MetadataJsonContext.Default.DictionaryStringString));

        admin.MapGet("/functions", () => Results.Json(
            (IReadOnlyList<FunctionSummary>)[.. host.Functions.Select(f => new FunctionSummary(f.Name, f.Trigger.Type, f.Describe(host.RoutePrefix)))],
            MetadataJsonContext.Default.IReadOnlyListFunctionSummary));

        admin.MapPost("/functions/{name}", async (string name, HttpRequest request) =>
        {
            var input = request.ContentLength > 0
                ? (await request.ReadFromJsonAsync(MetadataJsonContext.Default.FunctionInvokeRequest))?.Input
                : null;
            return host.InvokeNow(name, input) switch
            {
                AdminInvokeOutcome.Started => Results.Accepted(),
                AdminInvokeOutcome.NotFound => Results.NotFound(),
                _ => Results.BadRequest("HTTP functions are invoked over HTTP."),
            };
        });

        admin.MapPost("/local/queues/{queue}/messages", async (string queue, HttpRequest request) =>
        {
            var message = await ServiceBusRestMessage.ReadAsync(request, request.HttpContext.RequestAborted);
            var outcome = host.ServiceBus.Send(queue, message);
            return Results.Json(
                new EnqueueMessageResult(queue, message.MessageId, outcome == SendOutcome.DuplicateDropped),
                MetadataJsonContext.Default.EnqueueMessageResult,
                statusCode: StatusCodes.Status201Created);
        });

        admin.MapGet("/local/queues/{queue}", (string queue) =>
            Results.Json(host.ServiceBus.Queue(queue).Counts(), MetadataJsonContext.Default.QueueCounts));

        admin.MapGet("/local/queues/{queue}/deadletters", (string queue) =>
            Results.Json(host.ServiceBus.Queue(queue).DeadLettered(), MetadataJsonContext.Default.IReadOnlyListDeadLetteredMessage));
    }

    public static byte[] InputBytes(string? input) => Encoding.UTF8.GetBytes(input ?? string.Empty);
}

/// <summary>What the admin invoke endpoint did.</summary>
internal enum AdminInvokeOutcome
{
    Started,
    NotFound,
    HttpFunction,
}
