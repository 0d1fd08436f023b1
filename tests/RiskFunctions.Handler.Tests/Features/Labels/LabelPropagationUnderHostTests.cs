using System.Net;
using System.Text;
using System.Text.Json;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Handler.Hosting;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Handler.Tests.Features.Labels;

/// <summary>
/// Labels end to end through the host: the API, propagation of the labels it stores (in-process transport), and
/// the <c>LabelPropagation</c> trigger's envelopes with the queue's redelivery and dead-lettering.
/// </summary>
[Collection(LabelsHostCollection.Name)]
public sealed class LabelPropagationUnderHostTests(LabelsHostFixture fixture)
{
    [Fact]
    public async Task PostLabel_UserWithActions_MarksEveryActionAndTheUsersReputation()
    {
        var tenant = TestTenant.Create();
        var actions = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            actions.Add((await fixture.AddActionAsync(tenant.Id, userId: "alice")).ActionToken);
        }

        var bystander = await fixture.AddActionAsync(tenant.Id, userId: "bob");
        using var client = fixture.Client(tenant);

        var created = await PostLabelAsync(client, """{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"alice"},"source":"MANUAL_REVIEW"}""");
        var labelId = created.GetProperty("label_id").GetString()!;
        await fixture.WaitForPropagationAsync(tenant.Id, labelId);

        Assert.Empty(created.GetProperty("afftectedActionIds").EnumerateArray());
        var status = await GetStatusAsync(client, labelId);
        Assert.Equal("done", status.GetProperty("propagation_state").GetString());
        Assert.Equal(5, status.GetProperty("affected_action_count").GetInt64());
        foreach (var token in actions)
        {
            Assert.Equal(labelId, (await fixture.Actions.GetAsync(tenant.Id, token))!.LabelId);
        }

        Assert.Null((await fixture.Actions.GetAsync(tenant.Id, bystander.ActionToken))!.LabelId);
        Assert.Equal(ReputationStanding.ConfirmedFraud, (await fixture.Reputation.GetAsync(tenant.Id, ReputationEntityKind.User, "alice")).Standing);
        Assert.Equal(ReputationStanding.None, (await fixture.Reputation.GetAsync(tenant.Id, ReputationEntityKind.User, "bob")).Standing);
    }

    [Fact]
    public async Task Propagation_RedeliveredAfterCompletion_LeavesTheSameState()
    {
        var tenant = TestTenant.Create();
        for (var i = 0; i < 3; i++)
        {
            await fixture.AddActionAsync(tenant.Id, ip: "198.51.100.4");
        }

        using var client = fixture.Client(tenant);
        var labelId = (await PostLabelAsync(client, """{"label_type":"CONFIRMED_FRAUD","subject":{"type":"IP_ADDRESS","value":"198.51.100.4"}}""")).GetProperty("label_id").GetString()!;
        var first = await fixture.WaitForPropagationAsync(tenant.Id, labelId);

        // The same message delivered again through the trigger after it completed (a lost lock), twice.
        var message = new LabelPropagationMessageBody(tenant.Id, labelId).ToSimulated();
        fixture.Queue.Send(message.Body, message.MessageId);
        await fixture.Queue.DrainAsync();
        fixture.Queue.Redeliver(labelId);
        await fixture.Queue.DrainAsync();
        var second = await fixture.Labels.GetAsync(tenant.Id, labelId);

        Assert.Equal(LabelPropagationState.Done, second!.State);
        Assert.Equal(3, second.AffectedCount);
        Assert.Equal(first.AffectedCount, second.AffectedCount);
        Assert.Equal(2, fixture.Queue.Deliveries.Count(delivery => delivery.MessageId == labelId && delivery.Outcome.Succeeded));
        Assert.Equal(1, (await fixture.Reputation.GetAsync(tenant.Id, ReputationEntityKind.Ip, "198.51.100.4")).FraudLabels);
    }

    [Fact]
    public async Task Propagation_TwoInstancesOnOneLabel_CountEachActionOnce()
    {
        var tenant = TestTenant.Create();
        for (var i = 0; i < 20; i++)
        {
            await fixture.AddActionAsync(tenant.Id, correlationId: "order-42");
        }

        var labelId = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.CorrelationId, "order-42");
        var message = new LabelPropagationMessageBody(tenant.Id, labelId);
        var deliveries = Enumerable.Range(1, 4).Select(delivery =>
            fixture.Host.InvokeServiceBusAsync(FunctionCatalog.LabelPropagation, message.ToSimulated(), delivery));
        var outcomes = await Task.WhenAll(deliveries);

        Assert.All(outcomes, outcome => Assert.True(outcome.Succeeded, outcome.Body));
        var stored = await fixture.Labels.GetAsync(tenant.Id, labelId);
        Assert.Equal(LabelPropagationState.Done, stored!.State);
        Assert.Equal(20, stored.AffectedCount);
    }

    [Fact]
    public async Task Propagation_FailingOnEveryDelivery_IsRedeliveredUntilDeadLettered()
    {
        var tenant = TestTenant.Create();
        var labelId = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "mallory");

        // The row exists but cannot be read back as a label: every attempt fails the same way.
        await fixture.Tables.GetTable(LabelTables.LabelsTableName).UpsertEntityAsync(
            new Azure.Data.Tables.TableEntity(Storage.TableSupport.TableKeyEncoder.Join(tenant.Id, "label"), labelId) { ["LabelType"] = "NotAType" });
        var message = new LabelPropagationMessageBody(tenant.Id, labelId).ToSimulated();
        fixture.Queue.Send(message.Body, message.MessageId);
        await fixture.Queue.DrainAsync();

        var deliveries = fixture.Queue.Deliveries.Where(delivery => delivery.MessageId == labelId).ToList();
        Assert.Equal(10, deliveries.Count);
        Assert.Equal(Enumerable.Range(1, 10), deliveries.Select(delivery => delivery.DeliveryCount));
        Assert.Contains(fixture.Queue.DeadLettered, dead => dead.Message.MessageId == labelId);
    }

    [Fact]
    public async Task Propagation_FailingUntilTheLastDelivery_MarksTheLabelFailed()
    {
        var tenant = TestTenant.Create();
        await fixture.AddActionAsync(tenant.Id, userId: "trudy");
        var labelId = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "trudy");
        var message = new LabelPropagationMessageBody(tenant.Id, labelId).ToSimulated();
        var actionIndex = fixture.Tables.GetTable(Storage.Actions.ActionTables.ActionIndexTableName);
        await actionIndex.DeleteAsync();
        try
        {
            var early = await fixture.Host.InvokeServiceBusAsync(FunctionCatalog.LabelPropagation, message, deliveryCount: 1);
            var afterEarly = await fixture.Labels.GetAsync(tenant.Id, labelId);
            var last = await fixture.Host.InvokeServiceBusAsync(FunctionCatalog.LabelPropagation, message, deliveryCount: 10);

            Assert.False(early.Succeeded);
            Assert.NotEqual(LabelPropagationState.Failed, afterEarly!.State);
            Assert.False(last.Succeeded);
            Assert.Equal(LabelPropagationState.Failed, (await fixture.Labels.GetAsync(tenant.Id, labelId))!.State);
        }
        finally
        {
            await RecreateAsync(actionIndex);
        }
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"tenant_id":"t"}""")]
    [InlineData("""{"tenant_id":"t","label_id":"00000000000000000000000000000000"}""")]
    [InlineData("""{"tenant_id":"t","label_id":"x","extra":1}""")]
    public async Task Propagation_MalformedOrUnknownMessage_IsCompletedNotRetried(string body)
    {
        var message = new Testing.Host.SimulatedMessage { Body = Encoding.UTF8.GetBytes(body), MessageId = Guid.NewGuid().ToString("N") };

        var outcome = await fixture.Host.InvokeServiceBusAsync(FunctionCatalog.LabelPropagation, message, deliveryCount: 1);

        Assert.True(outcome.Succeeded, outcome.Body);
    }

    [Fact]
    public async Task OutboxRelay_LabelWhoseMessageWasNeverSent_SendsItLater()
    {
        // Stored as the intake leaves a label whose send failed (broker down) or whose process stopped before it.
        var tenant = TestTenant.Create();
        await fixture.AddActionAsync(tenant.Id, userId: "carol");
        var labelId = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "carol", LabelType.ConfirmedLegit);

        var stillPending = await fixture.Labels.GetAsync(tenant.Id, labelId);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var relay = await fixture.Host.InvokeTimerAsync(FunctionCatalog.LabelOutboxRelay);
        var done = await fixture.WaitForPropagationAsync(tenant.Id, labelId);

        Assert.Equal(LabelPropagationState.Pending, stillPending!.State);
        Assert.True(relay.Succeeded, relay.Body);
        Assert.Equal(LabelPropagationState.Done, done.State);
        Assert.Equal(1, done.AffectedCount);
        Assert.Equal(ReputationStanding.ConfirmedLegit, (await fixture.Reputation.GetAsync(tenant.Id, ReputationEntityKind.User, "carol")).Standing);
    }

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

    internal static async Task<JsonElement> PostLabelAsync(HttpClient client, string json, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/risk/v1/label", UriKind.Relative)) { Content = LabelsHostFixture.Json(json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> GetStatusAsync(HttpClient client, string labelId)
    {
        using var response = await client.GetAsync(new Uri($"/risk/v1/label/{labelId}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary>A propagation message as the label API sends it.</summary>
internal sealed record LabelPropagationMessageBody(string TenantId, string LabelId)
{
    public Testing.Host.SimulatedMessage ToSimulated() => new()
    {
        Body = Encoding.UTF8.GetBytes($$"""{"tenant_id":"{{TenantId}}","label_id":"{{LabelId}}"}"""),
        MessageId = LabelId,
    };
}

[CollectionDefinition(Name)]
public sealed class LabelsHostCollection : ICollectionFixture<LabelsHostFixture>
{
    public const string Name = "Labels under the host";
}
