using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using RiskFunctions.LocalHost.Admin;
using RiskFunctions.LocalHost.ServiceBus;

namespace RiskFunctions.LocalHost.Tests.ServiceBus;

public sealed class ServiceBusMessageShapeTests
{
    [Fact]
    public async Task ReadAsync_RestSend_BrokerPropertiesAndTypedApplicationProperties()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("payload"));
        context.Request.ContentType = "application/json";
        context.Request.Headers["BrokerProperties"] = """{"MessageId":"m-1","CorrelationId":"c-1","Label":"subject-1"}""";
        context.Request.Headers["tenant"] = "\"t-1\"";
        context.Request.Headers["count"] = "3";
        context.Request.Headers["ratio"] = "0.5";
        context.Request.Headers["flag"] = "true";
        context.Request.Headers["Authorization"] = "SharedAccessSignature sr=x";
        context.Request.Headers["User-Agent"] = "azsdk-net";
        context.Request.Headers["x-not-json"] = "plain words";

        var message = await ServiceBusRestMessage.ReadAsync(context.Request, CancellationToken.None);

        Assert.Equal(("m-1", "c-1", "subject-1", "application/json"), (message.MessageId, message.CorrelationId, message.Subject, message.ContentType));
        Assert.Equal("payload", Encoding.UTF8.GetString(message.Body));
        Assert.Equal(
            new Dictionary<string, object> { ["tenant"] = "t-1", ["count"] = 3L, ["ratio"] = 0.5, ["flag"] = true },
            message.ApplicationProperties);
    }

    [Fact]
    public void CreateInvocation_Delivery_BodyAsBytesStringsAsStringOthersAsJson()
    {
        var message = new QueueMessage([1, 2, 3], "m-1")
        {
            CorrelationId = "c-1",
            ApplicationProperties = new Dictionary<string, object> { ["tenant"] = "t-1", ["n"] = 2L },
        };
        var enqueued = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
        var delivery = new QueueDelivery(message, 7, enqueued, 2, Guid.Empty, enqueued.AddMinutes(5));

        var request = ServiceBusTriggerMetadata.CreateInvocation("f-1", "body", delivery);

        var input = Assert.Single(request.InputData);
        Assert.Equal("body", input.Name);
        Assert.Equal(new byte[] { 1, 2, 3 }, input.Data.Bytes.ToByteArray());
        Assert.Equal(TypedData.DataOneofCase.String, request.TriggerMetadata["MessageId"].DataCase);
        Assert.Equal("c-1", request.TriggerMetadata["CorrelationId"].String);
        Assert.Equal("2", request.TriggerMetadata["DeliveryCount"].Json);
        Assert.Equal("7", request.TriggerMetadata["SequenceNumber"].Json);
        Assert.Equal("\"2026-12-06T08:00:00Z\"", request.TriggerMetadata["EnqueuedTimeUtc"].Json);
        Assert.Equal("""{"tenant":"t-1","n":2}""", request.TriggerMetadata["ApplicationProperties"].Json);
        Assert.False(request.TriggerMetadata.ContainsKey("ReplyTo"));
    }
}
