using System.Net;
using System.Text;
using RiskFunctions.LocalHost.Tests.Fixtures;

namespace RiskFunctions.LocalHost.Tests.Admin;

/// <summary><c>POST /admin/functions/{name}</c> runs non-HTTP functions now, as on the Functions host.</summary>
[Collection(SampleHostCollection.Name)]
public sealed class AdminInvokeTests(SampleHostFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task PostAdminFunction_TimerFunction_RunsItNow()
    {
        var before = (await TriggerRecords.ReadAsync(_client)).Count(r => r.Function == "SampleTimer");

        using var response = await _client.PostAsync("admin/functions/SampleTimer", new StringContent("{}", Encoding.UTF8, "application/json"));
        var records = await TriggerRecords.WaitForAsync(
            _client, r => r.Count(x => x.Function == "SampleTimer") > before, TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("on-time", records.Last(r => r.Function == "SampleTimer").Body);
    }

    [Fact]
    public async Task PostAdminFunction_QueueFunctionWithInput_RunsItWithThatBody()
    {
        var body = "admin-" + Guid.NewGuid().ToString("N");

        using var response = await _client.PostAsync(
            "admin/functions/ProcessSampleMessage", new StringContent($"{{\"input\":\"{body}\"}}", Encoding.UTF8, "application/json"));
        var records = await TriggerRecords.WaitForAsync(_client, r => r.Any(x => x.Body == body), TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, records.Single(r => r.Body == body).DeliveryCount);
    }

    [Fact]
    public async Task PostAdminFunction_UnknownFunction_Returns404()
    {
        using var response = await _client.PostAsync("admin/functions/NoSuchFunction", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostAdminFunction_HttpFunction_Returns400()
    {
        using var response = await _client.PostAsync("admin/functions/Ping", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetAdminFunctions_ListsEveryLoadedFunctionWithItsTrigger()
    {
        var listing = await _client.GetStringAsync("admin/functions");

        Assert.Contains("\"name\":\"GetItem\",\"trigger\":\"httpTrigger\"", listing, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"ProcessSampleMessage\",\"trigger\":\"serviceBusTrigger\"", listing, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"SampleTimer\",\"trigger\":\"timerTrigger\"", listing, StringComparison.Ordinal);
    }
}
