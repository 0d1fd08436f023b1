using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Moq;
using RiskFunctions.Functions.Features.Labels.Transport;

namespace RiskFunctions.Functions.Tests.Features.Labels.Transport;

/// <summary>The propagation message as it goes to the queue, and what a failed send does.</summary>
public sealed class ServiceBusLabelPropagationQueueTests
{
    private static readonly LabelPropagationMessage Message = new("tenant-1", "0198c2a4e5f67b8c9d0e1f2a3b4c5d6e");

    [Fact]
    public void CreateMessage_LabelMessage_IdsBodyPropertiesAndContentTypeAsTheTriggerExpects()
    {
        var message = ServiceBusLabelPropagationQueue.CreateMessage(Message);

        // The label id is the message id: the queue's duplicate detection drops the outbox relay's re-sends.
        Assert.Equal(Message.LabelId, message.MessageId);
        Assert.Equal(Message.LabelId, message.CorrelationId);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(
            new Dictionary<string, object> { ["tenant_id"] = "tenant-1", ["label_id"] = Message.LabelId },
            message.ApplicationProperties);
        using var body = JsonDocument.Parse(message.Body.ToMemory());
        Assert.Equal(
            ["tenant_id", "label_id"],
            body.RootElement.EnumerateObject().Select(property => property.Name));
        Assert.Equal("tenant-1", body.RootElement.GetProperty("tenant_id").GetString());
        Assert.Equal(Message.LabelId, body.RootElement.GetProperty("label_id").GetString());
    }

    [Fact]
    public async Task SendAsync_LabelMessage_SendsTheBuiltMessageOnce()
    {
        var sender = new Mock<ServiceBusSender>();
        ServiceBusMessage? sent = null;
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((message, _) => sent = message)
            .Returns(Task.CompletedTask);

        await new ServiceBusLabelPropagationQueue(sender.Object).SendAsync(Message, CancellationToken.None);

        sender.Verify(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(Message.LabelId, sent!.MessageId);
        Assert.Equal(ServiceBusLabelPropagationQueue.CreateMessage(Message).Body.ToArray(), sent.Body.ToArray());
    }

    [Fact]
    public async Task SendAsync_BrokerUnavailable_Throws()
    {
        var sender = new Mock<ServiceBusSender>();
        var unavailable = new ServiceBusException("the namespace is unavailable", ServiceBusFailureReason.ServiceBusy);
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(unavailable);

        var thrown = await Assert.ThrowsAsync<ServiceBusException>(() => new ServiceBusLabelPropagationQueue(sender.Object).SendAsync(Message, CancellationToken.None));

        Assert.Same(unavailable, thrown);
    }
}
