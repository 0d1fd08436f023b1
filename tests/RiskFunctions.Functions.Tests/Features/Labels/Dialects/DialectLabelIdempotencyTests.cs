using System.Net;
using System.Text.Json;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Labels.Dialects;

/// <summary>
/// A Ravelin or DataDome label retried under its <c>Idempotency-Key</c> (its answer lost) is the label stored first,
/// not a second label counting twice on the user's reputation; the key with another label is refused in the vendor's body.
/// </summary>
public sealed class DialectLabelIdempotencyTests(LabelsApiFixture fixture) : IClassFixture<LabelsApiFixture>
{
    private const string Fraudster = """{"category":"PAYMENT_FRAUD","review":"FRAUDSTER","comment":"stolen card"}""";

    [Fact]
    public async Task RavelinLabel_RetriedWithItsKey_AnswersTheFirstLabelAndStoresOne()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);

        var (firstStatus, first) = await PostAsync(client, "/ravelin/v2/customer/c-retry/labels", Fraudster, "key-1");
        var (retryStatus, retry) = await PostAsync(client, "/ravelin/v2/customer/c-retry/labels", Fraudster, "key-1");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (firstStatus, retryStatus));
        Assert.Equal(first.GetProperty("timestamp").GetString(), retry.GetProperty("timestamp").GetString());
        Assert.Single(await fixture.StoredLabelsAsync(tenant.Id));
    }

    [Fact]
    public async Task RavelinLabel_KeyReusedForAnotherLabel_Returns422InRavelinShapeAndStoresNothingMore()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);
        await PostAsync(client, "/ravelin/v2/customer/c-reuse/labels", Fraudster, "key-1");

        var (status, body) = await PostAsync(
            client, "/ravelin/v2/customer/c-reuse/labels", """{"category":"PAYMENT_FRAUD","review":"GENUINE"}""", "key-1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(422, body.GetProperty("status").GetInt32());
        Assert.Contains("Idempotency-Key: was already used with a different label", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Single(await fixture.StoredLabelsAsync(tenant.Id));
    }

    [Fact]
    public async Task DataDomeFeedback_RetriedWithItsKey_AnswersTheSameFeedbackIdAndStoresOne()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);
        const string Deny = """{"userId":"u-retry","decision":"deny","origin":"chargebacks"}""";

        var (firstStatus, first) = await PostAsync(client, "/datadome/v1/feedback", Deny, "key-1");
        var (retryStatus, retry) = await PostAsync(client, "/datadome/v1/feedback", Deny, "key-1");
        var (reusedStatus, reused) = await PostAsync(client, "/datadome/v1/feedback", """{"userId":"u-retry","decision":"allow","origin":"chargebacks"}""", "key-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (firstStatus, retryStatus));
        Assert.Equal(first.GetProperty("feedbackId").GetString(), retry.GetProperty("feedbackId").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reusedStatus);
        Assert.Contains(reused.GetProperty("errors").EnumerateArray(), error => error.GetProperty("field").GetString() == "Idempotency-Key");
        Assert.Single(await fixture.StoredLabelsAsync(tenant.Id));
    }

    [Fact]
    public async Task DataDomeFeedback_KeyOverItsLength_Returns400NamingItAndStoresNothing()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);

        var (status, body) = await PostAsync(
            client, "/datadome/v1/feedback", """{"userId":"u-long","decision":"deny","origin":"chargebacks"}""", new string('k', 256));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), error => error.GetProperty("field").GetString() == "Idempotency-Key");
        Assert.Empty(await fixture.StoredLabelsAsync(tenant.Id));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, string json, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = LabelsApiFixture.Json(json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
