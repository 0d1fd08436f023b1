using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Domain.Contract.Dialects.Lithic;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Labels.Dialects;
using RiskFunctions.Functions.Features.Labels.Dialects;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.FraudReports;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Labels.Dialects;

/// <summary>
/// Lithic's fraud reports through the host: the state machine, concurrent updates, Lithic's error body, tenant
/// isolation, idempotent re-posts, and the label each report version becomes (stored, sent and propagated like
/// every label).
/// </summary>
public sealed class LithicFraudReportsApiTests(LabelsApiFixture fixture) : IClassFixture<LabelsApiFixture>
{
    [Fact]
    public async Task ReportFraud_SuspectedThenFraudulent_AnswersLikeLithicAndLabelsTheAction()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id, userId: "dave");
        using var client = fixture.ClientFor(tenant);

        var (suspectedStatus, suspected) = await PostAsync(client, action.ActionToken, """{"fraud_status":"SUSPECTED_FRAUD","fraud_type":"ACCOUNT_TAKEOVER","comment":"odd device"}""");
        var (fraudulentStatus, fraudulent) = await PostAsync(client, action.ActionToken, """{"fraud_status":"FRAUDULENT","comment":"cardholder denies it"}""");
        var (getStatus, got) = await GetAsync(client, action.ActionToken);
        await fixture.WaitForLabelsSettledAsync(tenant.Id, count: 2);

        Assert.Equal(HttpStatusCode.OK, suspectedStatus);
        Assert.Equal(action.ActionToken, suspected.GetProperty("transaction_token").GetString());
        Assert.Equal("SUSPECTED_FRAUD", suspected.GetProperty("fraud_status").GetString());
        Assert.Equal("ACCOUNT_TAKEOVER", suspected.GetProperty("fraud_type").GetString());
        Assert.Equal("odd device", suspected.GetProperty("comment").GetString());
        Assert.Equal(HttpStatusCode.OK, fraudulentStatus);
        Assert.Equal("FRAUDULENT", fraudulent.GetProperty("fraud_status").GetString());
        Assert.Equal("ACCOUNT_TAKEOVER", fraudulent.GetProperty("fraud_type").GetString());
        Assert.Equal("cardholder denies it", fraudulent.GetProperty("comment").GetString());
        Assert.Equal(suspected.GetProperty("created_at").GetDateTimeOffset(), fraudulent.GetProperty("created_at").GetDateTimeOffset());
        Assert.True(fraudulent.GetProperty("updated_at").GetDateTimeOffset() > suspected.GetProperty("updated_at").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal(fraudulent.GetRawText(), got.GetRawText());

        var labels = await LabelsAsync(tenant.Id);
        Assert.Equal([LabelType.SuspectedFraud, LabelType.ConfirmedFraud], labels.Select(l => l.Label.Type));
        Assert.All(labels, l =>
        {
            Assert.Equal(new LabelTarget(LabelSubjectType.ActionId, action.ActionToken), l.Label.Subject);
            Assert.Equal(LabelOrigins.Lithic, l.Label.Origin);
            Assert.Equal(LabelUseCase.AccountTakeover, l.Label.UseCase);
            Assert.Equal(LabelPropagationState.Done, l.State);
            Assert.Equal(1, l.AffectedCount);
        });
        var marked = await fixture.Actions.GetAsync(tenant.Id, action.ActionToken);
        Assert.Equal(labels[1].Label.LabelId, marked!.LabelId);
        Assert.Equal(nameof(LabelType.ConfirmedFraud), marked.LabelType);
        var stored = await Reports.GetAsync(tenant.Id, action.ActionToken);
        Assert.True(stored!.LabelAccepted);
        Assert.Equal(2, stored.Report.Version);
    }

    [Fact]
    public async Task GetFraudReport_Unreported_AnswersNoReportedFraudWithEveryFieldNull()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id);
        using var client = fixture.ClientFor(tenant, RiskScopes.LabelsRead);

        var (status, body) = await GetAsync(client, action.ActionToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            $$"""{"transaction_token":"{{action.ActionToken}}","fraud_status":"NO_REPORTED_FRAUD","fraud_type":null,"comment":null,"created_at":null,"updated_at":null}""",
            body.GetRawText());
    }

    [Theory]
    [InlineData("FRAUDULENT", """{"fraud_status":"NOT_FRAUDULENT"}""", "fraud_status: cannot change from FRAUDULENT to NOT_FRAUDULENT")]
    [InlineData("FRAUDULENT", """{"fraud_status":"SUSPECTED_FRAUD"}""", "fraud_status: cannot change from FRAUDULENT to SUSPECTED_FRAUD")]
    [InlineData("FRAUDULENT", """{"fraud_status":"FRAUDULENT","fraud_type":"IDENTITY_THEFT"}""", "fraud_status: the transaction is already reported as FRAUDULENT")]
    [InlineData("NOT_FRAUDULENT", """{"fraud_status":"FRAUDULENT"}""", "fraud_status: cannot change from NOT_FRAUDULENT to FRAUDULENT")]
    [InlineData("NOT_FRAUDULENT", """{"fraud_status":"SUSPECTED_FRAUD"}""", "fraud_status: cannot change from NOT_FRAUDULENT to SUSPECTED_FRAUD")]
    [InlineData("NOT_FRAUDULENT", """{"fraud_status":"NOT_FRAUDULENT","comment":"changed my mind"}""", "fraud_status: the transaction is already reported as NOT_FRAUDULENT")]
    [InlineData("SUSPECTED_FRAUD", """{"fraud_status":"SUSPECTED_FRAUD","comment":"another look"}""", "fraud_status: the transaction is already reported as SUSPECTED_FRAUD; it can only change to FRAUDULENT or NOT_FRAUDULENT")]
    public async Task ReportFraud_TransitionNotAllowed_Returns422InLithicShapeAndChangesNothing(string first, string second, string expected)
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id);
        using var client = fixture.ClientFor(tenant);
        var (_, before) = await PostAsync(client, action.ActionToken, $$"""{"fraud_status":"{{first}}"}""");

        var (status, body) = await PostAsync(client, action.ActionToken, second);
        var (_, after) = await GetAsync(client, action.ActionToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.StartsWith(expected, LithicMessage(body), StringComparison.Ordinal);
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Single(await fixture.StoredLabelsAsync(tenant.Id));
    }

    [Fact]
    public async Task ReportFraud_RepostedUnchanged_AnswersTheSameReportAndLabelsOnce()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id);
        using var client = fixture.ClientFor(tenant);
        const string Body = """{"fraud_status":"FRAUDULENT","fraud_type":"CARD_COMPROMISED","comment":"skimmer"}""";

        var (firstStatus, first) = await PostAsync(client, action.ActionToken, Body);
        var (againStatus, again) = await PostAsync(client, action.ActionToken, Body);
        var (shorterStatus, shorter) = await PostAsync(client, action.ActionToken, """{"fraud_status":"FRAUDULENT"}""");

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Equal(HttpStatusCode.OK, shorterStatus);
        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(first.GetRawText(), shorter.GetRawText());
        var label = Assert.Single(await LabelsAsync(tenant.Id));
        Assert.Equal(LabelType.ConfirmedFraud, label.Label.Type);
        Assert.Null(label.Label.UseCase);
        Assert.Equal("skimmer", label.Label.Comment);
    }

    [Fact]
    public async Task ReportFraud_ConcurrentFirstReports_ExactlyOneWins()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id);
        using var client = fixture.ClientFor(tenant);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => PostAsync(
            client, action.ActionToken, $$"""{"fraud_status":"{{(i % 2 == 0 ? "FRAUDULENT" : "NOT_FRAUDULENT")}}","comment":"reviewer {{i}}"}""")));

        var winner = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.UnprocessableEntity, a.Status));
        var (_, stored) = await GetAsync(client, action.ActionToken);
        Assert.Equal(winner.Body.GetRawText(), stored.GetRawText());
        var label = Assert.Single(await LabelsAsync(tenant.Id));
        Assert.Equal(winner.Body.GetProperty("comment").GetString(), label.Label.Comment);
    }

    [Fact]
    public async Task ReportFraud_ConcurrentGraduationsOfASuspectedReport_ExactlyOneWins()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id);
        using var client = fixture.ClientFor(tenant);
        await PostAsync(client, action.ActionToken, """{"fraud_status":"SUSPECTED_FRAUD","fraud_type":"IDENTITY_THEFT"}""");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => PostAsync(
            client, action.ActionToken, $$"""{"fraud_status":"{{(i % 2 == 0 ? "FRAUDULENT" : "NOT_FRAUDULENT")}}","comment":"reviewer {{i}}"}""")));

        var winner = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.UnprocessableEntity, a.Status));
        var labels = await LabelsAsync(tenant.Id);
        Assert.Equal(2, labels.Count);
        Assert.Equal(winner.Body.GetProperty("comment").GetString(), labels[1].Label.Comment);
        var stored = await Reports.GetAsync(tenant.Id, action.ActionToken);
        Assert.Equal(2, stored!.Report.Version);
        Assert.True(stored.LabelAccepted);
    }

    [Theory]
    [InlineData("""{"fraud_type":"CARD_COMPROMISED"}""", "fraud_status: is required")]
    [InlineData("""{"fraud_status":"CHARGEBACK"}""", "fraud_status: must be one of SUSPECTED_FRAUD, FRAUDULENT, NOT_FRAUDULENT")]
    [InlineData("""{"fraud_status":"fraudulent"}""", "fraud_status: must be one of")]
    [InlineData("""{"fraud_status":"NO_REPORTED_FRAUD"}""", "fraud_status: NO_REPORTED_FRAUD cannot be reported")]
    [InlineData("""{"fraud_status":"FRAUDULENT","fraud_type":"SKIMMING"}""", "fraud_type: must be one of")]
    [InlineData("""{"fraud_status":"NOT_FRAUDULENT","fraud_type":"ACCOUNT_TAKEOVER"}""", "fraud_type: is only allowed when fraud_status is SUSPECTED_FRAUD or FRAUDULENT")]
    [InlineData("""{"fraud_status":"FRAUDULENT","comment":42}""", "comment")]
    [InlineData("""{"fraud_status":"FRAUDULENT","comment":"\u0000"}""", "comment: must not contain control characters")]
    [InlineData("""{"fraud_status":"FRAUDULENT",""", "body")]
    [InlineData("null", "body: must be a JSON object, not null")]
    public async Task ReportFraud_InvalidBody_Returns400InLithicShapeAndStoresNothing(string json, string expected)
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id);
        using var client = fixture.ClientFor(tenant);

        var (status, body) = await PostAsync(client, action.ActionToken, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, LithicMessage(body), StringComparison.Ordinal);
        await AssertNothingStoredAsync(tenant, action.ActionToken);
    }

    [Fact]
    public async Task ReportFraud_UnknownStatus_OffersOnlyWhatCanBeSent()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id);
        using var client = fixture.ClientFor(tenant);

        var (status, body) = await PostAsync(client, action.ActionToken, """{"fraud_status":"CHARGEBACK"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.DoesNotContain("NO_REPORTED_FRAUD", LithicMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportFraud_CommentTooLong_Returns400AndStoresNothing()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id);
        using var client = fixture.ClientFor(tenant);

        var (status, body) = await PostAsync(client, action.ActionToken, $$"""{"fraud_status":"FRAUDULENT","comment":"{{new string('c', LabelLimits.TextLength + 1)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("comment: must be at most 1024 characters", LithicMessage(body));
        await AssertNothingStoredAsync(tenant, action.ActionToken);
    }

    [Theory]
    [InlineData("3fa85f64-5717-4562-b3fc-2c963f66afa6")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef")]
    public async Task ReportFraudAndGet_MalformedToken_Return400NamingTheToken(string token)
    {
        using var client = fixture.ClientFor(TestTenant.Create());

        var (postStatus, posted) = await PostAsync(client, token, """{"fraud_status":"FRAUDULENT"}""");
        var (getStatus, got) = await GetAsync(client, token);

        Assert.Equal(HttpStatusCode.BadRequest, postStatus);
        Assert.StartsWith("transaction_token: must be an action token", LithicMessage(posted), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, getStatus);
        Assert.StartsWith("transaction_token: must be an action token", LithicMessage(got), StringComparison.Ordinal);
    }

    /// <summary>Path segments as sent on the wire (already percent-encoded where a client would encode them).</summary>
    public static TheoryData<string> HostileTokens { get; } = new()
    {
        "%27%20or%20PartitionKey%20ne%20%27",
        "%22quoted%22",
        "abc%23fragment",
        "abc%3Fq%3D1",
        "ab%2Fcd",
        "ab%252Fcd",
        "ab/cd",
        "ab%00cd",
        "ab%0D%0Acd",
        "ab%1Fcd",
        new string('a', ActionToken.Length - 3) + "%2F",
        new string('a', 10 * 1024),
    };

    [Theory]
    [MemberData(nameof(HostileTokens))]
    public async Task ReportFraudAndGet_HostileToken_Return4xxAndStoreNothing(string token)
    {
        var tenant = TestTenant.Create();
        await fixture.AddActionAsync(tenant.Id);
        using var client = fixture.ClientFor(tenant);

        using var posted = await client.PostAsync(Path(token), LabelsApiFixture.Json("""{"fraud_status":"FRAUDULENT"}"""));
        using var got = await client.GetAsync(Path(token));

        Assert.InRange((int)posted.StatusCode, 400, 499);
        Assert.InRange((int)got.StatusCode, 400, 499);
        Assert.Empty(await fixture.StoredLabelsAsync(tenant.Id));
        var reports = fixture.Tables.GetTable(FraudReportTables.FraudReportsTableName)
            .QueryAsync<TableEntity>(TableFilter.Create($"TenantId eq {tenant.Id}"));
        await foreach (var row in reports)
        {
            Assert.Fail($"A report was stored under {row.PartitionKey}/{row.RowKey}.");
        }
    }

    [Fact]
    public async Task ReportFraud_NotJson_Returns415InLithicShape()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id);
        using var client = fixture.ClientFor(tenant);

        using var response = await client.PostAsync(Path(action.ActionToken), new StringContent("fraud_status=FRAUDULENT", System.Text.Encoding.UTF8, "text/plain"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("content-type: must be application/json", LithicMessage(body.RootElement));
        await AssertNothingStoredAsync(tenant, action.ActionToken);
    }

    [Fact]
    public async Task ReportFraudAndGet_AnotherTenantsOrAnUnknownTransaction_Return404AndChangeNothing()
    {
        var owner = TestTenant.Create();
        var other = TestTenant.Create();
        var action = await fixture.AddActionAsync(owner.Id);
        using var ownerClient = fixture.ClientFor(owner);
        using var otherClient = fixture.ClientFor(other);
        var (_, reported) = await PostAsync(ownerClient, action.ActionToken, """{"fraud_status":"SUSPECTED_FRAUD"}""");
        var unknown = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var answers = new[]
        {
            await PostAsync(otherClient, action.ActionToken, """{"fraud_status":"NOT_FRAUDULENT"}"""),
            await GetAsync(otherClient, action.ActionToken),
            await PostAsync(ownerClient, unknown, """{"fraud_status":"FRAUDULENT"}"""),
            await GetAsync(ownerClient, unknown),
        };

        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.NotFound, a.Status);
            Assert.Equal("transaction_token: no such transaction", LithicMessage(a.Body));
        });
        var (_, after) = await GetAsync(ownerClient, action.ActionToken);
        Assert.Equal(reported.GetRawText(), after.GetRawText());
        Assert.Empty(await fixture.StoredLabelsAsync(other.Id));
        Assert.Single(await fixture.StoredLabelsAsync(owner.Id));
        Assert.Null(await Reports.GetAsync(owner.Id, unknown));
    }

    [Fact]
    public async Task ReportFraud_WithoutWriteScope_Returns403()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id);
        using var client = fixture.ClientFor(tenant, RiskScopes.LabelsRead);

        var (status, _) = await PostAsync(client, action.ActionToken, """{"fraud_status":"FRAUDULENT"}""");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        await AssertNothingStoredAsync(tenant, action.ActionToken);
    }

    [Fact]
    public async Task ReportFraud_PreviousVersionsLabelMissing_AcceptsItBeforeTheTransition()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id);
        var missing = await StoreReportWithoutLabelAsync(tenant.Id, action.ActionToken, DateTimeOffset.UtcNow);
        using var client = fixture.ClientFor(tenant);

        var (status, _) = await PostAsync(client, action.ActionToken, """{"fraud_status":"NOT_FRAUDULENT"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var labels = await LabelsAsync(tenant.Id);
        Assert.Equal([missing.LabelId, LithicFraudReports.LabelIdOf(tenant.Id, missing.Report with { Version = 2 })], labels.Select(l => l.Label.LabelId));
        Assert.Equal([LabelType.SuspectedFraud, LabelType.ConfirmedLegit], labels.Select(l => l.Label.Type));
    }

    [Fact]
    public async Task OutboxRelay_ReportWhoseLabelIsMissing_AcceptsAndPropagatesTheLabel()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id);
        var missing = await StoreReportWithoutLabelAsync(tenant.Id, action.ActionToken, DateTimeOffset.UtcNow.AddSeconds(-5));

        var relay = await fixture.InvokeRelayAsync();
        await fixture.WaitForLabelsSettledAsync(tenant.Id, count: 1);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, relay);
        var label = Assert.Single(await LabelsAsync(tenant.Id));
        Assert.Equal(missing.LabelId, label.Label.LabelId);
        Assert.Equal(LabelPropagationState.Done, label.State);
        Assert.Equal(missing.LabelId, (await fixture.Actions.GetAsync(tenant.Id, action.ActionToken))!.LabelId);
        Assert.True((await Reports.GetAsync(tenant.Id, action.ActionToken))!.LabelAccepted);
    }

    private FraudReportRepository Reports => new(fixture.Tables);

    /// <summary>A report version as a process leaves it when it stops after writing the report, before its label.</summary>
    private async Task<StoredFraudReport> StoreReportWithoutLabelAsync(string tenantId, string token, DateTimeOffset at)
    {
        var report = new FraudReport
        {
            TransactionToken = token,
            Status = LithicFraudStatus.SuspectedFraud,
            CreatedAt = at,
            UpdatedAt = at,
            Version = 1,
        };
        var stored = await Reports.TryAddAsync(new StoredFraudReport { TenantId = tenantId, Report = report, LabelId = LithicFraudReports.LabelIdOf(tenantId, report) });
        Assert.NotNull(stored);
        return stored;
    }

    private async Task AssertNothingStoredAsync(TestTenant tenant, string token)
    {
        Assert.Empty(await fixture.StoredLabelsAsync(tenant.Id));
        Assert.Null(await Reports.GetAsync(tenant.Id, token));
    }

    /// <summary>The tenant's labels, oldest first, as stored.</summary>
    private async Task<List<Storage.Labels.StoredLabel>> LabelsAsync(string tenantId)
    {
        var labels = new List<Storage.Labels.StoredLabel>();
        foreach (var row in await fixture.StoredLabelsAsync(tenantId))
        {
            labels.Add((await fixture.Labels.GetAsync(tenantId, row.RowKey))!);
        }

        return [.. labels.OrderBy(l => l.Label.LabeledAt)];
    }

    private static string LithicMessage(JsonElement body)
    {
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Equal(["message"], body.EnumerateObject().Select(p => p.Name));
        return body.GetProperty("message").GetString()!;
    }

    private static Uri Path(string token) => new($"/lithic/v1/fraud/transactions/{token}", UriKind.Relative);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string token, string json)
    {
        using var response = await client.PostAsync(Path(token), LabelsApiFixture.Json(json));
        return (response.StatusCode, await BodyAsync(response));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string token)
    {
        using var response = await client.GetAsync(Path(token));
        return (response.StatusCode, await BodyAsync(response));
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
