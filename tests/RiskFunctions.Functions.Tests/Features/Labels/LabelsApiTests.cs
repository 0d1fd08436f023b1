using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>The label API's answers: validation, idempotency, scopes and tenant isolation.</summary>
public sealed class LabelsApiTests(LabelsApiFixture fixture) : IClassFixture<LabelsApiFixture>
{
    [Theory]
    [InlineData("""{"subject":{"type":"USER_ID","value":"u"}}""", "label_type: is required")]
    [InlineData("""{"label_type":"FRAUD","subject":{"type":"USER_ID","value":"u"}}""", "label_type")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD"}""", "subject: is required")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"EMAIL","value":"u"}}""", "subject.type")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID"}}""", "subject.value: is required")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":42}}""", "subject.value")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"u","recommendations":["deny"]}}""", "subject.recommendations: is only allowed when subject.type is FRAUD_RING_ID")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"FRAUD_RING_ID","value":"r","recommendations":["block"]}}""", "subject.recommendations")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"u","is_campaign_confirmed":true}}""", "subject.is_campaign_confirmed: is only allowed when subject.type is CAMPAIGN_ID")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"u"},"use_case":"PHISHING"}""", "use_case")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"u"},"source":"TWITTER"}""", "source")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"ACTION_ID","value":"' or PartitionKey ne '"}}""", "subject.value: must be an action token")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"IP_ADDRESS","value":"1.2.3"}}""", "subject.value: must be an IPv4 or IPv6 address")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"a\u0000b"}}""", "subject.value: must not contain control characters")]
    [InlineData("""{"label_type":"CONFIRMED_FRAUD","subject":""", "body")]
    [InlineData("[]", "body")]
    public async Task PostLabel_InvalidBody_Returns400NamingTheFieldAndStoresNothing(string json, string expected)
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);

        using var response = await client.PostAsync(new Uri("/risk/v1/label", UriKind.Relative), LabelsApiFixture.Json(json));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(body);
        Assert.Equal(400, error.RootElement.GetProperty("error_code").GetInt32());
        Assert.Contains(error.RootElement.GetProperty("message").EnumerateArray(), message => message.GetString()!.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(await StoredLabelsAsync(tenant.Id));
    }

    [Fact]
    public async Task PostLabel_FourBadEnums_ReportsAllFourAndStoresNothing()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);
        const string json = """{"label_type":"FRAUD","subject":{"type":"EMAIL","value":"u"},"use_case":"PHISHING","source":"TWITTER"}""";

        using var response = await client.PostAsync(new Uri("/risk/v1/label", UriKind.Relative), LabelsApiFixture.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fields = error.RootElement.GetProperty("message").EnumerateArray().Select(m => m.GetString()!.Split(':')[0]).Order(StringComparer.Ordinal);
        Assert.Equal(["label_type", "source", "subject.type", "use_case"], fields);
        Assert.Empty(await StoredLabelsAsync(tenant.Id));
    }

    [Fact]
    public async Task PostLabel_OversizedSubjectValue_Returns400()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);
        var json = $$$"""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"{{{new string('x', 10_000)}}}"}}""";

        using var response = await client.PostAsync(new Uri("/risk/v1/label", UriKind.Relative), LabelsApiFixture.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("subject.value: must be at most", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await StoredLabelsAsync(tenant.Id));
    }

    [Fact]
    public async Task PostLabel_HostileUserId_IsStoredAndReadBackVerbatim()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);
        const string hostile = "o'brien/#?\\ or PartitionKey ne '";

        var created = await LabelsApiFixture.PostLabelAsync(client, JsonSerializer.Serialize(new { label_type = "SUSPECTED_FRAUD", subject = new { type = "USER_ID", value = hostile } }));
        var labelId = created.GetProperty("label_id").GetString()!;
        using var status = await client.GetAsync(new Uri($"/risk/v1/label/{labelId}", UriKind.Relative));
        using var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync());

        Assert.Equal(hostile, body.RootElement.GetProperty("label").GetProperty("subject").GetProperty("value").GetString());
        Assert.Equal("SUSPECTED_FRAUD", body.RootElement.GetProperty("label").GetProperty("label_type").GetString());
    }

    [Fact]
    public async Task PostLabel_LegacyType_IsAnsweredWithTheCurrentSpelling()
    {
        using var client = fixture.ClientFor(TestTenant.Create());

        var created = await LabelsApiFixture.PostLabelAsync(client, """{"label_type":"KNOWN_MALICIOUS","subject":{"type":"CAMPAIGN_ID","value":"c-1","is_campaign_confirmed":true}}""");

        Assert.Equal("CONFIRMED_FRAUD", created.GetProperty("label").GetProperty("label_type").GetString());
        Assert.True(created.GetProperty("label").GetProperty("subject").GetProperty("is_campaign_confirmed").GetBoolean());
        Assert.True(created.GetProperty("label").GetProperty("label_timestamp").GetInt64() > 0);
    }

    [Fact]
    public async Task PostLabel_ActionSubject_ReportsTheActionAsAffectedAtOnce()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id, userId: "dave");
        using var client = fixture.ClientFor(tenant);

        var created = await LabelsApiFixture.PostLabelAsync(client, $$$"""{"label_type":"DEVICE_TAKEOVER","subject":{"type":"ACTION_ID","value":"{{{action.ActionToken}}}"}}""");

        Assert.Equal([action.ActionToken], created.GetProperty("afftectedActionIds").EnumerateArray().Select(id => id.GetString()));
    }

    [Fact]
    public async Task PostLabel_SameIdempotencyKey_ReturnsTheFirstLabelAndStoresOne()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);
        const string json = """{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"erin"}}""";

        var first = await LabelsApiFixture.PostLabelAsync(client, json, idempotencyKey: "retry-1");
        var second = await LabelsApiFixture.PostLabelAsync(client, json, idempotencyKey: "retry-1");

        Assert.Equal(first.GetProperty("label_id").GetString(), second.GetProperty("label_id").GetString());
        Assert.Equal(first.GetProperty("label").GetProperty("label_timestamp").GetInt64(), second.GetProperty("label").GetProperty("label_timestamp").GetInt64());
        Assert.Single(await StoredLabelsAsync(tenant.Id));
    }

    [Fact]
    public async Task PostLabel_IdempotencyKeyReusedForAnotherLabel_Returns422()
    {
        using var client = fixture.ClientFor(TestTenant.Create());
        await LabelsApiFixture.PostLabelAsync(client, """{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"frank"}}""", idempotencyKey: "k");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/risk/v1/label", UriKind.Relative))
        {
            Content = LabelsApiFixture.Json("""{"label_type":"CONFIRMED_LEGIT","subject":{"type":"USER_ID","value":"frank"}}"""),
        };
        request.Headers.Add("Idempotency-Key", "k");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Idempotency-Key: was already used with a different label", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLabel_AnotherTenantsLabel_Returns404()
    {
        using var owner = fixture.ClientFor(TestTenant.Create());
        using var other = fixture.ClientFor(TestTenant.Create());
        var labelId = (await LabelsApiFixture.PostLabelAsync(owner, """{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"grace"}}""")).GetProperty("label_id").GetString();

        using var response = await other.GetAsync(new Uri($"/risk/v1/label/{labelId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    public async Task GetLabel_MalformedId_Returns400(string labelId)
    {
        using var client = fixture.ClientFor(TestTenant.Create());

        using var response = await client.GetAsync(new Uri($"/risk/v1/label/{labelId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostLabel_ReadOnlyClient_Returns403()
    {
        using var client = fixture.ClientFor(TestTenant.Create(), RiskScopes.LabelsRead);

        using var response = await client.PostAsync(new Uri("/risk/v1/label", UriKind.Relative), LabelsApiFixture.Json("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"h"}}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<List<TableEntity>> StoredLabelsAsync(string tenantId)
    {
        var filter = TableFilter.Create($"PartitionKey eq {TableKeyEncoder.Join(tenantId, "label")}");
        var rows = new List<TableEntity>();
        await foreach (var row in fixture.Tables.GetTable(LabelTables.LabelsTableName).QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }
}
