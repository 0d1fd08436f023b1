using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.LocalHost.ServiceBus;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>
/// Labels through the local host's queue and the real <c>LabelPropagation</c> trigger: the API's message, redelivery
/// until dead-lettering, the label marked failed on the last delivery, and the outbox relay on its timer.
/// </summary>
public sealed class LabelPropagationTests(LabelsAppFixture app) : IClassFixture<LabelsAppFixture>
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PostLabel_UserWithAnAction_IsPropagatedThroughTheQueue()
    {
        var tenant = TestTenant.Create();
        await app.AddActionAsync(tenant.Id, "alice");
        using var client = app.ClientFor(tenant);

        using var posted = await client.PostAsync(new Uri("risk/v1/label", UriKind.Relative),
            LabelsAppFixture.Json("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"alice"}}"""));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var labelId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("label_id").GetString()!;
        var done = await app.WaitForPropagationAsync(tenant.Id, labelId);

        Assert.Equal(LabelPropagationState.Done, done.State);
        Assert.Equal(1, done.AffectedCount);
        using var status = await client.GetAsync(new Uri($"risk/v1/label/{labelId}", UriKind.Relative));
        Assert.Equal("done", (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("propagation_state").GetString());
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

    [Fact]
    public async Task Propagation_MalformedMessage_IsCompletedNotRetried()
    {
        var queue = app.ServiceBus.Queue(LabelsAppFixture.QueueName);
        var before = queue.Counts();

        app.ServiceBus.Send(LabelsAppFixture.QueueName, new QueueMessage(Encoding.UTF8.GetBytes("not json"), Guid.NewGuid().ToString("N")));
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
        var labelId = await app.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "carol");
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
