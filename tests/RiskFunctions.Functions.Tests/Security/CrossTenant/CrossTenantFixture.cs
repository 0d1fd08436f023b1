using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security.CrossTenant;

/// <summary>
/// The function app under the local Functions host on the shared Azurite, trusting the test token key, with
/// a victim tenant that owns one of each resource (a rule and a label created through the API, a stored
/// and indexed action as trigger-action leaves it), and an attacker tenant that holds all scopes.
/// </summary>
public sealed class CrossTenantFixture : FunctionAppFixture
{
    public TestTenant Victim { get; } = TestTenant.Create("victim");

    public TestTenant Attacker { get; } = TestTenant.Create("attacker");

    /// <summary>The victim's resources, created once the app answers.</summary>
    public VictimResources Owned { get; private set; } = null!;

    private ActionRepository Actions { get; set; } = null!;

    protected override async Task OnStartedAsync() => Owned = await CreateVictimResourcesAsync();

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<VictimResources> CreateVictimResourcesAsync()
    {
        using var victim = ClientFor(Victim);
        var ruleName = "victim-rule-" + Guid.NewGuid().ToString("N")[..8];
        using var rule = await victim.PostAsync("risk/v1/recommendation/rules", Json(TenantEndpoints.RuleBody(ruleName, 17)));
        var ruleId = (await BodyAsync(rule, HttpStatusCode.Created)).GetProperty("rule_id").GetString()!;

        var action = await AddVictimActionAsync();
        var idempotencyKey = "victim-key-" + Guid.NewGuid().ToString("N");
        using var labelRequest = new HttpRequestMessage(HttpMethod.Post, "risk/v1/label") { Content = Json(TenantEndpoints.LabelBody("USER_ID", "victim-other-user")) };
        labelRequest.Headers.Add("Idempotency-Key", idempotencyKey);
        using var label = await victim.SendAsync(labelRequest);
        var labelId = (await BodyAsync(label, HttpStatusCode.Created)).GetProperty("label_id").GetString()!;
        return new VictimResources(ruleId, ruleName, 17, labelId, idempotencyKey, action.ActionToken, action.UserId!, action.Ip!);
    }

    /// <summary>The victim's stored action, as the service holds it now.</summary>
    public Task<StoredAction?> GetVictimActionAsync() => Actions.GetAsync(Victim.Id, Owned.ActionToken);

    /// <summary>Stores and indexes an action of the victim as trigger-action does.</summary>
    private async Task<StoredAction> AddVictimActionAsync()
    {
        var tables = new RiskTables(Storage.CreateServiceClient(), Storage.TablePrefix);
        await tables.EnsureCreatedAsync(ActionTables.All);
        Actions = new ActionRepository(tables);
        var action = new StoredAction
        {
            TenantId = Victim.Id,
            ActionToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            ActionType = "login",
            OccurredAt = DateTimeOffset.UtcNow,
            UserId = "victim-user",
            Ip = "198.51.100.7",
            Recommendation = "ALLOW",
            RecommendationDocument = Encoding.UTF8.GetBytes("{}"),
        };
        Assert.True(await Actions.TryAddAsync(action));
        await new ActionIndexRepository(tables).IndexAsync(action);
        return action;
    }
}

/// <summary>The victim tenant's resources an attacker tries to reach.</summary>
public sealed record VictimResources(
    string RuleId, string RuleName, int RulePriority, string LabelId, string LabelIdempotencyKey, string ActionToken, string UserId, string ActionIp);
