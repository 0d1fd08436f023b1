using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Functions.Features.Labels.Propagation;
using RiskFunctions.LocalHost.ServiceBus;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>
/// Labels through the local host's queue and the real <c>LabelPropagation</c> trigger: the API's message, redelivery
/// until dead-lettering, the label marked failed on the last delivery, and the outbox relay on its timer.
/// </summary>
[Collection(LabelsAppCollection.Name)]
public sealed class LabelPropagationTests(LabelsAppFixture app)
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PostLabel_UserWithActions_MarksEveryActionAndTheUsersReputation()
    {
        var tenant = TestTenant.Create();
        var actions = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            actions.Add((await app.AddActionAsync(tenant.Id, "alice")).ActionToken);
        }

        var bystander = await app.AddActionAsync(tenant.Id, "bob");
        using var client = app.ClientFor(tenant);

        using var posted = await client.PostAsync(new Uri("risk/v1/label", UriKind.Relative),
            LabelsAppFixture.Json("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"alice"},"source":"MANUAL_REVIEW"}"""));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var created = await posted.Content.ReadFromJsonAsync<JsonElement>();
        var labelId = created.GetProperty("label_id").GetString()!;
        var done = await app.WaitForPropagationAsync(tenant.Id, labelId);

        Assert.Empty(created.GetProperty("afftectedActionIds").EnumerateArray());
        Assert.Equal(LabelPropagationState.Done, done.State);
        using var status = await client.GetAsync(new Uri($"risk/v1/label/{labelId}", UriKind.Relative));
        var body = await status.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("done", body.GetProperty("propagation_state").GetString());
        Assert.Equal(5, body.GetProperty("affected_action_count").GetInt64());
        foreach (var token in actions)
        {
            Assert.Equal(labelId, (await app.Actions.GetAsync(tenant.Id, token))!.LabelId);
        }

        Assert.Null((await app.Actions.GetAsync(tenant.Id, bystander.ActionToken))!.LabelId);
        Assert.Equal(ReputationStanding.ConfirmedFraud, (await app.Reputation.GetAsync(tenant.Id, ReputationEntityKind.User, "alice")).Standing);
        Assert.Equal(ReputationStanding.None, (await app.Reputation.GetAsync(tenant.Id, ReputationEntityKind.User, "bob")).Standing);
    }

    [Fact]
    public async Task Propagation_RedeliveredAfterCompletion_LeavesTheSameState()
    {
        var tenant = TestTenant.Create();
        for (var i = 0; i < 3; i++)
        {
            await app.AddActionAsync(tenant.Id, ip: "198.51.100.4");
        }

        var labelId = await app.StoreLabelAsync(tenant.Id, LabelSubjectType.IpAddress, "198.51.100.4");
        var queue = app.ServiceBus.Queue(LabelsAppFixture.QueueName);
        app.ServiceBus.Send(LabelsAppFixture.QueueName, Message(tenant.Id, labelId));
        var first = await app.WaitForPropagationAsync(tenant.Id, labelId);
        await app.ServiceBus.WaitForIdleAsync(LabelsAppFixture.QueueName, IdleTimeout);
        var completedBefore = queue.Counts().Completed;

        // The same label delivered again after it completed (a lost lock, a relay's re-send), twice.
        app.ServiceBus.Send(LabelsAppFixture.QueueName, Message(tenant.Id, labelId));
        await app.ServiceBus.WaitForIdleAsync(LabelsAppFixture.QueueName, IdleTimeout);
        app.ServiceBus.Send(LabelsAppFixture.QueueName, Message(tenant.Id, labelId));
        await app.ServiceBus.WaitForIdleAsync(LabelsAppFixture.QueueName, IdleTimeout);
        var second = await app.Labels.GetAsync(tenant.Id, labelId);

        Assert.Equal(LabelPropagationState.Done, second!.State);
        Assert.Equal(3, second.AffectedCount);
        Assert.Equal(first.AffectedCount, second.AffectedCount);
        Assert.True(queue.Counts().Completed >= completedBefore + 2);
        Assert.DoesNotContain(queue.DeadLettered(), dead => dead.Body.Contains(labelId, StringComparison.Ordinal));
        Assert.Equal(1, (await app.Reputation.GetAsync(tenant.Id, ReputationEntityKind.Ip, "198.51.100.4")).FraudLabels);
    }

    [Fact]
    public async Task Propagation_TwoInstancesOnOneLabel_CountEachActionOnce()
    {
        var tenant = TestTenant.Create();
        for (var i = 0; i < 20; i++)
        {
            await app.AddActionAsync(tenant.Id, correlationId: "order-42");
        }

        var labelId = await app.StoreLabelAsync(tenant.Id, LabelSubjectType.CorrelationId, "order-42");

        // Four deliveries of the same label at once: the trigger runs them concurrently (maxConcurrentCalls).
        for (var delivery = 0; delivery < 4; delivery++)
        {
            app.ServiceBus.Send(LabelsAppFixture.QueueName, Message(tenant.Id, labelId));
        }

        await app.ServiceBus.WaitForIdleAsync(LabelsAppFixture.QueueName, IdleTimeout);

        var stored = await app.Labels.GetAsync(tenant.Id, labelId);
        Assert.Equal(LabelPropagationState.Done, stored!.State);
        Assert.Equal(20, stored.AffectedCount);
        Assert.DoesNotContain(app.ServiceBus.Queue(LabelsAppFixture.QueueName).DeadLettered(), dead => dead.Body.Contains(labelId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Propagation_UnreadableLabel_IsRedeliveredUntilDeadLettered()
    {
        var tenant = TestTenant.Create();
        var labelId = await app.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "mallory");

        // The row exists but cannot be read back as a label: every attempt fails the same way.
        await app.Tables.GetTable(LabelTables.LabelsTableName).UpsertEntityAsync(
            new Azure.Data.Tables.TableEntity(TableKeyEncoder.Join(tenant.Id, "label"), labelId) { ["LabelType"] = "NotAType" });
        var message = Message(tenant.Id, labelId);
        app.ServiceBus.Send(LabelsAppFixture.QueueName, message);
        await app.ServiceBus.WaitForIdleAsync(LabelsAppFixture.QueueName, IdleTimeout);

        var dead = Assert.Single(app.ServiceBus.Queue(LabelsAppFixture.QueueName).DeadLettered(), dead => dead.MessageId == message.MessageId);
        Assert.Equal(LabelsAppFixture.MaxDeliveryCount, dead.DeliveryCount);
        Assert.Equal("MaxDeliveryCountExceeded", dead.Reason);
    }

    [Fact]
    public async Task Propagation_FailingOnEveryDelivery_IsRedeliveredUntilDeadLetteredAndTheLabelFailed()
    {
        var tenant = TestTenant.Create();
        await app.AddActionAsync(tenant.Id, "trudy");
        var labelId = await app.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "trudy");
        var queue = app.ServiceBus.Queue(LabelsAppFixture.QueueName);
        var deadBefore = queue.Counts().DeadLettered;
        var actionIndex = app.Tables.GetTable(ActionTables.ActionIndexTableName);
        await actionIndex.DeleteAsync();
        try
        {
            app.ServiceBus.Send(LabelsAppFixture.QueueName, Message(tenant.Id, labelId));
            await app.ServiceBus.WaitForIdleAsync(LabelsAppFixture.QueueName, IdleTimeout);
        }
        finally
        {
            await RecreateAsync(actionIndex);
        }

        Assert.Equal(deadBefore + 1, queue.Counts().DeadLettered);
        Assert.Equal(LabelPropagationState.Failed, (await app.Labels.GetAsync(tenant.Id, labelId))!.State);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"tenant_id":"t"}""")]
    [InlineData("""{"tenant_id":"t","label_id":"00000000000000000000000000000000"}""")]
    [InlineData("""{"tenant_id":"t","label_id":"x","extra":1}""")]
    public async Task Propagation_MalformedOrUnknownMessage_IsCompletedNotRetried(string body)
    {
        var queue = app.ServiceBus.Queue(LabelsAppFixture.QueueName);
        var before = queue.Counts();

        app.ServiceBus.Send(LabelsAppFixture.QueueName, new QueueMessage(Encoding.UTF8.GetBytes(body), Guid.NewGuid().ToString("N")));
        await app.ServiceBus.WaitForIdleAsync(LabelsAppFixture.QueueName, IdleTimeout);

        var after = queue.Counts();
        Assert.Equal(before.Completed + 1, after.Completed);
        Assert.Equal(before.DeadLettered, after.DeadLettered);
    }

    [Fact]
    public async Task OutboxRelay_LabelWhoseMessageWasNeverSent_IsSentAndPropagated()
    {
        var tenant = TestTenant.Create();
        await app.AddActionAsync(tenant.Id, "carol");
        var labelId = await app.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "carol", LabelType.ConfirmedLegit);
        var stillPending = await app.Labels.GetAsync(tenant.Id, labelId);

        // Past Labels:RelayAfter (1 s), the relay sends the message again.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var client = app.NewClient();
        using var invoked = await client.PostAsync(new Uri("admin/functions/LabelOutboxRelay", UriKind.Relative), LabelsAppFixture.Json("""{"input":""}"""));
        var done = await app.WaitForPropagationAsync(tenant.Id, labelId);

        Assert.Equal(LabelPropagationState.Pending, stillPending!.State);
        Assert.Equal(HttpStatusCode.Accepted, invoked.StatusCode);
        Assert.Equal(LabelPropagationState.Done, done.State);
        Assert.Equal(1, done.AffectedCount);
        Assert.Equal(ReputationStanding.ConfirmedLegit, (await app.Reputation.GetAsync(tenant.Id, ReputationEntityKind.User, "carol")).Standing);
    }

    /// <summary>
    /// A label the outbox relay gave up on while its message still waited in the queue (as earlier versions did when the
    /// queue was slow): the delivery that comes propagates it, instead of completing the message with nothing done.
    /// </summary>
    [Fact]
    public async Task Propagation_LabelTheRelayGaveUp_IsPropagatedWhenItsMessageIsDelivered()
    {
        var tenant = TestTenant.Create();
        await app.AddActionAsync(tenant.Id, "dave");
        var labelId = await app.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "dave");
        var pending = await app.Labels.GetAsync(tenant.Id, labelId);
        Assert.NotNull(await app.Labels.TryUpdateAsync(pending! with
        {
            State = LabelPropagationState.Failed,
            FailureReason = LabelOutboxRelay.GaveUpReason,
            Relays = LabelOutboxRelay.MaxRelays,
        }));
        var queue = app.ServiceBus.Queue(LabelsAppFixture.QueueName);

        app.ServiceBus.Send(LabelsAppFixture.QueueName, Message(tenant.Id, labelId));
        await app.ServiceBus.WaitForIdleAsync(LabelsAppFixture.QueueName, IdleTimeout);

        var label = await app.Labels.GetAsync(tenant.Id, labelId);
        Assert.Equal((LabelPropagationState.Done, 1L), (label!.State, label.AffectedCount));
        Assert.Equal(ReputationStanding.ConfirmedFraud, (await app.Reputation.GetAsync(tenant.Id, ReputationEntityKind.User, "dave")).Standing);
        Assert.DoesNotContain(queue.DeadLettered(), dead => dead.Body.Contains(labelId, StringComparison.Ordinal));
    }

    private static QueueMessage Message(string tenantId, string labelId) =>
        new(Encoding.UTF8.GetBytes($$"""{"tenant_id":"{{tenantId}}","label_id":"{{labelId}}"}"""), labelId + "-" + Guid.NewGuid().ToString("N")[..8]);

    private static async Task RecreateAsync(Azure.Data.Tables.TableClient table)
    {
        // Azurite, like Azure, may refuse to recreate a table it is still deleting.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await table.CreateIfNotExistsAsync();
                return;
            }
            catch (Azure.RequestFailedException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
