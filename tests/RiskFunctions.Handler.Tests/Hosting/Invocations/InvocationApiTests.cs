using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using RiskFunctions.Handler.Hosting.Invocations;
using RiskFunctions.Handler.Tests.Errors;
using RiskFunctions.Testing.Host;

namespace RiskFunctions.Handler.Tests.Hosting.Invocations;

public sealed class InvocationApiTests : IAsyncLifetime
{
    private InvocationTestApp _app = null!;

    public async Task InitializeAsync() => _app = await InvocationTestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ServiceBus_Delivery_ReachesTheHandlerWithExactBytesAndDecodedMetadata()
    {
        byte[] body = [0x7b, 0x22, 0xc3, 0xa9, 0x22, 0x3a, 0x31, 0x7d, 0x00, 0xff];
        var message = new SimulatedMessage
        {
            Body = body,
            MessageId = "4e77d0aa-label",
            CorrelationId = "corr-1",
            Subject = "label",
            SequenceNumber = 42,
            EnqueuedTimeUtc = new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc),
            ApplicationProperties = new Dictionary<string, object?> { ["tenant"] = "t-1", ["attempt"] = 3 },
        };

        var outcome = await _app.Host.InvokeServiceBusAsync(InvocationTestApp.Queue, message, deliveryCount: 2);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
        var delivery = ServiceBusDelivery.From(Assert.Single(_app.Script.Received));
        Assert.Equal(body, delivery.Body.ToArray());
        Assert.Equal("4e77d0aa-label", delivery.MessageId);
        Assert.Equal(2, delivery.DeliveryCount);
        Assert.Equal("corr-1", delivery.CorrelationId);
        Assert.Equal("application/json", delivery.ContentType);
        Assert.Equal("label", delivery.Subject);
        Assert.Equal(42, delivery.SequenceNumber);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero), delivery.EnqueuedTime);
        Assert.Equal("t-1", delivery.ApplicationProperties["tenant"].GetString());
        Assert.Equal(3, delivery.ApplicationProperties["attempt"].GetInt32());
    }

    [Fact]
    public async Task Invocation_Success_RepliesInTheHostsShape()
    {
        _app.Script.Behavior = _ => InvocationResult.Success("first line", "second line");

        var outcome = await _app.Host.InvokeTimerAsync(InvocationTestApp.Timer);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        var reply = outcome.Reply!.Value;
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], reply.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, reply.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("ReturnValue").ValueKind);
        Assert.Equal(["first line", "second line"], outcome.Logs);
    }

    [Fact]
    public async Task Timer_Invocation_CarriesTheTimerInfoUnderItsBindingName()
    {
        await _app.Host.InvokeTimerAsync(InvocationTestApp.Timer, isPastDue: true);

        var invocation = Assert.Single(_app.Script.Received);
        Assert.Equal(InvocationTestApp.Timer, invocation.Function.Name);
        Assert.True(invocation.Data["tick"].GetProperty("IsPastDue").GetBoolean());
        Assert.Equal(InvocationTestApp.Timer, invocation.Metadata["sys"].GetProperty("MethodName").GetString());
        Assert.NotNull(invocation.InvocationId);
    }

    [Fact]
    public async Task Invocation_HandlerReportsFailure_FailsWithTheErrorBody()
    {
        _app.Script.Behavior = _ => InvocationResult.Failure("storage unavailable", StatusCodes.Status503ServiceUnavailable);

        var outcome = await _app.Host.InvokeTimerAsync(InvocationTestApp.Timer);

        Assert.False(outcome.Succeeded);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, outcome.StatusCode);
        using var body = JsonDocument.Parse(outcome.Body);
        Assert.Equal("invocation: storage unavailable", body.RootElement.GetProperty("message")[0].GetString());
    }

    [Fact]
    public async Task Invocation_HandlerThrows_Fails500WithoutInternals()
    {
        _app.Script.Behavior = _ => throw new InvalidOperationException("table 'secret' is gone");

        var outcome = await _app.Host.InvokeTimerAsync(InvocationTestApp.Timer);

        Assert.False(outcome.Succeeded);
        Assert.Equal(HttpStatusCode.InternalServerError, outcome.StatusCode);
        Assert.DoesNotContain("secret", outcome.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_EnvelopeMissingWhatTheHandlerNeeds_Fails400()
    {
        _app.Script.Behavior = invocation => InvocationResult.Success($"{ServiceBusDelivery.From(invocation).MessageId}");

        var outcome = await _app.Host.InvokeAsync(
            InvocationTestApp.Queue,
            new Dictionary<string, object?> { ["envelopeMessage"] = "not base64!" },
            new Dictionary<string, object?> { ["MessageId"] = "m-1", ["DeliveryCount"] = 1 });

        Assert.False(outcome.Succeeded);
        Assert.Equal(HttpStatusCode.BadRequest, outcome.StatusCode);
        Assert.Contains("Data.envelopeMessage: is not valid base64", outcome.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_FunctionWithoutHandler_Fails()
    {
        var outcome = await _app.Host.InvokeServiceBusAsync(
            InvocationTestApp.Unhandled,
            new SimulatedMessage { Body = "{}"u8.ToArray(), MessageId = "m-2" },
            deliveryCount: 1);

        Assert.False(outcome.Succeeded);
        Assert.Equal(HttpStatusCode.NotImplemented, outcome.StatusCode);
        Assert.Empty(_app.Script.Received);
    }

    [Fact]
    public async Task Envelope_MalformedJson_Fails400()
    {
        using var client = new HttpClient { BaseAddress = _app.Host.HandlerAddress };
        using var content = new StringContent("""{"Data": {""", Encoding.UTF8, "application/json");

        var response = await client.PostAsync(new Uri("/" + InvocationTestApp.Queue, UriKind.Relative), content);

        await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(_app.Script.Received);
    }

    [Fact]
    public async Task Envelope_NotJson_Fails415()
    {
        using var client = new HttpClient { BaseAddress = _app.Host.HandlerAddress };
        using var content = new StringContent("{}", Encoding.UTF8, "text/plain");

        var response = await client.PostAsync(new Uri("/" + InvocationTestApp.Queue, UriKind.Relative), content);

        await ErrorAssert.HasErrorBodyAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Queue_TransientFailures_RedeliversWithIncreasingCountUntilSuccess()
    {
        _app.Script.Behavior = invocation => ServiceBusDelivery.From(invocation).DeliveryCount < 3
            ? InvocationResult.Failure("not yet", StatusCodes.Status503ServiceUnavailable)
            : InvocationResult.Success();
        var queue = new SimulatedServiceBusQueue(_app.Host, InvocationTestApp.Queue);
        queue.Send("{}"u8.ToArray(), messageId: "label-7");

        await queue.DrainAsync();

        Assert.Equal([1, 2, 3], queue.Deliveries.Select(d => d.DeliveryCount));
        Assert.Equal("label-7", Assert.Single(queue.Completed).MessageId);
        Assert.Empty(queue.DeadLettered);
    }

    [Fact]
    public async Task Queue_PermanentFailure_DeadLettersAfterMaxDeliveryCount()
    {
        _app.Script.Behavior = _ => InvocationResult.Failure("poison");
        var queue = new SimulatedServiceBusQueue(_app.Host, InvocationTestApp.Queue) { MaxDeliveryCount = 4 };
        queue.Send("{}"u8.ToArray(), messageId: "label-8");

        await queue.DrainAsync();

        Assert.Equal(4, _app.Script.Received.Count);
        Assert.Equal("MaxDeliveryCountExceeded", Assert.Single(queue.DeadLettered).Reason);
        Assert.Empty(queue.Completed);
    }

    [Fact]
    public async Task Queue_DuplicateSendAndRedelivery_ReachTheHandlerAsAtLeastOnce()
    {
        var queue = new SimulatedServiceBusQueue(_app.Host, InvocationTestApp.Queue);
        Assert.True(queue.Send("{}"u8.ToArray(), messageId: "label-9"));
        Assert.False(queue.Send("{}"u8.ToArray(), messageId: "label-9"));

        await queue.DrainAsync();
        queue.Redeliver("label-9");
        await queue.DrainAsync();

        Assert.Equal([1, 2], _app.Script.Received.Select(i => ServiceBusDelivery.From(i).DeliveryCount));
    }

    [Fact]
    public async Task Queue_ConcurrentCalls_DeliverEveryMessageOnce()
    {
        var queue = new SimulatedServiceBusQueue(_app.Host, InvocationTestApp.Queue);
        for (var i = 0; i < 40; i++)
        {
            queue.Send(Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"), messageId: $"m-{i}");
        }

        await queue.DrainAsync(maxConcurrentCalls: 8);

        Assert.Equal(40, queue.Completed.Count);
        Assert.Equal(40, _app.Script.Received.Select(i => ServiceBusDelivery.From(i).MessageId).Distinct().Count());
    }

    [Fact]
    public async Task AddInvocationHandler_ForANameOutsideTheCatalog_FailsStartup()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddSingleton(new InvocationScript());
        builder.Services.AddInvocationHandler<ScriptedInvocationHandler>("NoSuchFunction");
        await using var app = builder.Build();

        var failure = Assert.Throws<InvalidOperationException>(() => app.MapInvocationApi(InvocationTestApp.Catalog));

        Assert.Contains("NoSuchFunction", failure.Message, StringComparison.Ordinal);
    }
}
