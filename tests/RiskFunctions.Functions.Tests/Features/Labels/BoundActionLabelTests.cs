using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>
/// An action reported without a user and bound to one by its result after the user's label propagated: it gets what the
/// label gave the user's other actions, through the real app and the local host's queue.
/// </summary>
[Collection(LabelsAppCollection.Name)]
public sealed class BoundActionLabelTests(LabelsAppFixture app)
{
    [Fact]
    public async Task Result_BindsTheActionToAUserLabeledBefore_MarksItAndCarriesTheFraudToItsDeviceAndAddress()
    {
        var tenant = TestTenant.Create();
        using var client = app.ClientFor(tenant);
        var (_, body) = await TriggerAsync(client, Login(user: null, ip: "198.51.100.23", device: "device-of-the-anonymous-login"));
        var token = body["action_token"]!.GetValue<string>();
        var labelId = await LabelUserAsync(client, tenant.Id, "mallory");

        using var result = await ResultAsync(client, token, "success", userId: "mallory");

        Assert.Equal(HttpStatusCode.Created, result.StatusCode);
        Assert.Equal(labelId, (await app.Actions.GetAsync(tenant.Id, token))!.LabelId);
        var states = new SubjectStateRepository(app.Tables);
        var device = await states.ReadAsync(tenant.Id, new ActionSubject(ActionSubjectKind.DeviceId, "device-of-the-anonymous-login"));
        var address = await states.ReadAsync(tenant.Id, new ActionSubject(ActionSubjectKind.IpAddress, "198.51.100.23"));
        Assert.Single(device.LinkedFraud);
        Assert.Single(address.LinkedFraud);
    }

    [Fact]
    public async Task Result_BindsTheActionToAUserNeverLabeled_LeavesItUnlabeled()
    {
        var tenant = TestTenant.Create();
        using var client = app.ClientFor(tenant);
        var (_, body) = await TriggerAsync(client, Login(user: null, ip: "198.51.100.24", device: "device-of-another-anonymous-login"));
        var token = body["action_token"]!.GetValue<string>();
        await LabelUserAsync(client, tenant.Id, "someone-else");

        using var result = await ResultAsync(client, token, "success", userId: "trent");

        Assert.Equal(HttpStatusCode.Created, result.StatusCode);
        Assert.Null((await app.Actions.GetAsync(tenant.Id, token))!.LabelId);
        var device = await new SubjectStateRepository(app.Tables).ReadAsync(tenant.Id, new ActionSubject(ActionSubjectKind.DeviceId, "device-of-another-anonymous-login"));
        Assert.Empty(device.LinkedFraud);
    }

    private async Task<string> LabelUserAsync(HttpClient client, string tenantId, string userId)
    {
        using var posted = await client.PostAsync(new Uri("risk/v1/label", UriKind.Relative), LabelsAppFixture.Json(
            $$"""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"{{userId}}"},"source":"MANUAL_REVIEW"}"""));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var labelId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("label_id").GetString()!;
        await app.WaitForPropagationAsync(tenantId, labelId);
        return labelId;
    }
}
