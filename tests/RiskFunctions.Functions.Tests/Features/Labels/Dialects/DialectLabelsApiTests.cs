using System.Net;
using System.Text.Json;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Functions.Security;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Labels.Dialects;

/// <summary>Ravelin and DataDome labels through the host: mapping, vendor error bodies, scopes, nothing stored on bad input.</summary>
public sealed class DialectLabelsApiTests(LabelsApiFixture fixture) : IClassFixture<LabelsApiFixture>
{
    [Fact]
    public async Task RavelinLabel_Fraudster_LabelsTheUserAndAnswersLikeRavelin()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);

        using var response = await client.PostAsync(
            new Uri("/ravelin/v2/customer/cust-1/labels", UriKind.Relative),
            LabelsApiFixture.Json("""{"category":"PAYMENT_FRAUD","review":"FRAUDSTER","reviewer":{"name":"Ann","email":"ann@example.com"},"comment":"stolen card"}"""));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("paymentFraud", body.RootElement.GetProperty("category").GetString());
        Assert.Equal("FRAUDSTER", body.RootElement.GetProperty("review").GetString());
        Assert.Equal("RED", body.RootElement.GetProperty("reviewBand").GetString());
        Assert.Equal("stolen card", body.RootElement.GetProperty("reviewText").GetString());
        Assert.Equal("cust-1", body.RootElement.GetProperty("entityId").GetString());
        Assert.Equal("customer", body.RootElement.GetProperty("entityType").GetString());
        Assert.Equal("Ann", body.RootElement.GetProperty("author").GetProperty("name").GetString());
        var row = Assert.Single(await fixture.StoredLabelsAsync(tenant.Id));
        var stored = await fixture.Labels.GetAsync(tenant.Id, row.RowKey, CancellationToken.None);
        Assert.Equal(LabelType.ConfirmedFraud, stored!.Label.Type);
        Assert.Equal(new LabelTarget(LabelSubjectType.UserId, "cust-1"), stored.Label.Subject);
        Assert.Equal("Ann <ann@example.com>", stored.Label.Author);
        Assert.Equal("stolen card", stored.Label.Comment);
    }

    /// <summary>
    /// A customer id is one path segment, so a client encodes what it holds of <c>/</c>, space or <c>%</c>: each labels
    /// the user the id names. The host decodes every escape but an encoded slash, which it keeps so that it cannot split
    /// the segment; the label still names <c>ab/cd</c>, not <c>ab%2Fcd</c>.
    /// </summary>
    [Theory]
    [InlineData("ab%2Fcd", "ab/cd")]
    [InlineData("ab%2fcd%2F", "ab/cd/")]
    [InlineData("ann%20smith", "ann smith")]
    [InlineData("100%25", "100%")]
    public async Task RavelinLabel_EncodedCustomerId_LabelsTheUserItNames(string segment, string customerId)
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);

        using var response = await client.PostAsync(
            new Uri($"/ravelin/v2/customer/{segment}/labels", UriKind.Relative),
            LabelsApiFixture.Json("""{"category":"PAYMENT_FRAUD","review":"FRAUDSTER"}"""));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(customerId, body.RootElement.GetProperty("entityId").GetString());
        var row = Assert.Single(await fixture.StoredLabelsAsync(tenant.Id));
        var stored = await fixture.Labels.GetAsync(tenant.Id, row.RowKey, CancellationToken.None);
        Assert.Equal(new LabelTarget(LabelSubjectType.UserId, customerId), stored!.Label.Subject);
    }

    [Theory]
    [InlineData("""{"category":"REFUND_ABUSE","review":"FRAUDSTER"}""", "review: FRAUDSTER is not a review for category REFUND_ABUSE")]
    [InlineData("""{"category":"PAYMENT_FRAUD","review":"POTENTIALLY_FRAUDSTER"}""", "review: POTENTIALLY_FRAUDSTER is not enabled")]
    [InlineData("""{"review":"FRAUDSTER"}""", "category: is required")]
    [InlineData("""{"category":"CHARGEBACK","review":"FRAUDSTER"}""", "category")]
    [InlineData("""{"category":"PAYMENT_FRAUD",""", "body")]
    [InlineData("""{"category":"PAYMENT_FRAUD","review":"FRAUDSTER","comment":"a\u0000b"}""", "comment: must not contain control characters other than line breaks and tabs")]
    [InlineData("""{"category":"PAYMENT_FRAUD","review":"FRAUDSTER","reviewer":{"name":"Ann\u001b[2J"}}""", "reviewer.name: must not contain control characters")]
    [InlineData("""{"category":"PAYMENT_FRAUD","review":"FRAUDSTER","reviewer":{"email":"ann@example.com\r\nBcc: x"}}""", "reviewer.email: must not contain control characters")]
    public async Task RavelinLabel_Invalid_Returns400InRavelinShapeAndStoresNothing(string json, string expected)
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);

        using var response = await client.PostAsync(new Uri("/ravelin/v2/customer/c1/labels", UriKind.Relative), LabelsApiFixture.Json(json));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, body.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(expected, body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await fixture.StoredLabelsAsync(tenant.Id));
    }

    [Fact]
    public async Task RavelinLabel_PotentialReviewForEnabledTenant_IsAccepted()
    {
        using var client = fixture.ClientFor(LabelsApiFixture.RavelinPotentialReviewTenant);

        using var response = await client.PostAsync(
            new Uri($"/ravelin/v2/customer/{Guid.NewGuid():N}/labels", UriKind.Relative),
            LabelsApiFixture.Json("""{"category":"PAYMENT_FRAUD","review":"POTENTIALLY_FRAUDSTER"}"""));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("AMBER", body.RootElement.GetProperty("reviewBand").GetString());
    }

    [Fact]
    public async Task RavelinLabel_WithoutWriteScope_Returns403WithTheCommonErrorBody()
    {
        using var client = fixture.ClientFor(TestTenant.Create(), RiskScopes.LabelsRead);

        using var response = await client.PostAsync(
            new Uri("/ravelin/v2/customer/c1/labels", UriKind.Relative),
            LabelsApiFixture.Json("""{"category":"PAYMENT_FRAUD","review":"FRAUDSTER"}"""));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        // As the OpenAPI document says: authorization errors use the service's common body on every API.
        Assert.Equal(403, body.RootElement.GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task DataDomeFeedback_DenyForEvent_LabelsTheActionAndReturns201WithTheLabelId()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);

        using var response = await client.PostAsync(
            new Uri("/datadome/v1/feedback", UriKind.Relative),
            LabelsApiFixture.Json("""{"userId":"u-1","decision":"deny","origin":"chargebacks","decisionReason":"chargeback","originId":"ops"}"""));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await fixture.Labels.GetAsync(tenant.Id, body.RootElement.GetProperty("feedbackId").GetString()!, CancellationToken.None);
        Assert.Equal(LabelType.ConfirmedFraud, stored!.Label.Type);
        Assert.Equal(LabelSource.Chargebacks, stored.Label.Source);
        Assert.Equal(new LabelTarget(LabelSubjectType.UserId, "u-1"), stored.Label.Subject);
        Assert.Equal("chargeback", stored.Label.Comment);
    }

    [Fact]
    public async Task DataDomeFeedback_DenyForEvent_LabelsTheEventsAction()
    {
        var tenant = TestTenant.Create();
        var action = await fixture.AddActionAsync(tenant.Id, "u-2");
        using var client = fixture.ClientFor(tenant);

        using var response = await client.PostAsync(
            new Uri("/datadome/v1/feedback", UriKind.Relative),
            LabelsApiFixture.Json($$"""{"eventId":"{{action.ActionToken}}","decision":"deny","origin":"manualReview"}"""));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var labelId = body.RootElement.GetProperty("feedbackId").GetString()!;
        var propagated = await fixture.WaitForPropagationAsync(tenant.Id, labelId);
        Assert.Equal(new LabelTarget(LabelSubjectType.ActionId, action.ActionToken), propagated.Label.Subject);
        Assert.Equal((LabelPropagationState.Done, 1L), (propagated.State, propagated.AffectedCount));
    }

    /// <summary>An event id that is no action token is refused before anything is stored, as POST /label refuses such a subject.</summary>
    [Fact]
    public async Task DataDomeFeedback_EventIdNotAnActionToken_Returns400NamingItAndStoresNothing()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);

        using var response = await client.PostAsync(
            new Uri("/datadome/v1/feedback", UriKind.Relative), LabelsApiFixture.Json("""{"eventId":"evt-1","decision":"deny","origin":"manualReview"}"""));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("eventId", error.GetProperty("field").GetString());
        Assert.Contains("action token", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(await fixture.StoredLabelsAsync(tenant.Id));
    }

    [Theory]
    [InlineData("""{"decision":"deny","origin":"chargebacks"}""", "eventId")]
    [InlineData("""{"eventId":"e","userId":"u","decision":"deny","origin":"chargebacks"}""", "userId")]
    [InlineData("""{"userId":"u","origin":"chargebacks"}""", "decision")]
    [InlineData("""{"userId":"u","decision":"block","origin":"chargebacks"}""", "decision")]
    [InlineData("""{"userId":"u","decision":"deny"}""", "origin")]
    [InlineData("""{"userId":"u","decision":"deny","origin":"chargebacks","decisionTime":5}""", "decisionTime")]
    [InlineData("""{"userId":"u",""", "body")]
    [InlineData("""{"userId":"u","decision":"deny","origin":"chargebacks","decisionReason":"a\u0000b"}""", "decisionReason")]
    [InlineData("""{"userId":"u","decision":"deny","origin":"chargebacks","originId":"ops\n"}""", "originId")]
    public async Task DataDomeFeedback_Invalid_Returns400InDataDomeShapeAndStoresNothing(string json, string field)
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);

        using var response = await client.PostAsync(new Uri("/datadome/v1/feedback", UriKind.Relative), LabelsApiFixture.Json(json));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Bad Request", body.RootElement.GetProperty("error").GetString());
        Assert.Contains(body.RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        Assert.Empty(await fixture.StoredLabelsAsync(tenant.Id));
    }
}
