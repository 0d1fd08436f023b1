using System.Net;
using System.Text.Json;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>
/// The function app under the local Functions host, for the label APIs: propagation messages go through the host's
/// queue to the real <c>LabelPropagation</c> trigger; <see cref="LabelsFixtureBase.WaitForPropagationAsync"/> waits for that. The
/// outbox relay runs when a test invokes it (<see cref="InvokeRelayAsync"/>). Storage is the shared real Azurite.
/// </summary>
public sealed class LabelsApiFixture : LabelsFixtureBase
{
    public const string QueueName = "label-propagation";

    /// <summary>Small, so that a few test actions already take several chunks and checkpoints.</summary>
    public const int PropagationChunkSize = 7;

    /// <summary>The tenant for which Ravelin's POTENTIALLY_* reviews are enabled.</summary>
    public static readonly TestTenant RavelinPotentialReviewTenant = TestTenant.Create("ravelin-potential");

    protected override void Configure(IDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Labels__RelayAfter"] = "00:00:01";
        settings["Labels__PropagationChunkSize"] = PropagationChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Labels__RavelinPotentialReviewTenants__0"] = RavelinPotentialReviewTenant.Id;
        settings["LabelPropagationQueue"] = QueueName;
    }

    /// <summary>Runs the outbox relay now, through the local host's admin endpoint.</summary>
    public async Task<HttpStatusCode> InvokeRelayAsync()
    {
        using var client = NewClient();
        using var response = await client.PostAsync(new Uri("admin/functions/LabelOutboxRelay", UriKind.Relative), Json("""{"input":""}"""));
        return response.StatusCode;
    }

    /// <summary>Posts a label and asserts the 201; returns its body.</summary>
    public static async Task<JsonElement> PostLabelAsync(HttpClient client, string json, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/risk/v1/label", UriKind.Relative)) { Content = Json(json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
