using System.Net;
using System.Text;
using RiskFunctions.Functions.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// One real function per scope, asked something that needs only that scope: a token carrying it gets past
/// authentication and authorization (whatever the function then answers), one without it gets 401 or 403.
/// </summary>
internal static class ScopeProbe
{
    /// <summary>Sends the scope's probe request with the given <c>Authorization</c> value (none when null).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string scope, string? authorization)
    {
        using var request = Request(scope);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendWithTokenAsync(HttpClient client, string token, string scope = RiskScopes.RulesRead) =>
        SendAsync(client, scope, "Bearer " + token);

    /// <summary>The function answered for the caller: neither an authentication nor an authorization failure.</summary>
    public static void AssertAdmitted(HttpResponseMessage response)
    {
        Assert.True(
            response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
            $"Expected the function's own answer, got {(int)response.StatusCode}.");
    }

    private static HttpRequestMessage Request(string scope) => scope switch
    {
        // The list of rules answers 200 for any tenant: the probe for a plainly successful call.
        RiskScopes.RulesRead => new(HttpMethod.Get, "risk/v1/recommendation/rules"),
        RiskScopes.RulesWrite => Post("risk/v1/recommendation/rules"),
        RiskScopes.ActionsWrite => Post("risk/v1/action/trigger-action"),
        RiskScopes.RecommendationsRead => new(HttpMethod.Get, "risk/v1/recommendation?action_token=" + new string('0', 64)),
        RiskScopes.LabelsRead => new(HttpMethod.Get, "risk/v1/label/" + new string('0', 32)),
        RiskScopes.LabelsWrite => Post("risk/v1/label"),
        RiskScopes.Import => new(HttpMethod.Post, "risk/v1/import/actions") { Content = new StringContent("", Encoding.UTF8, "application/x-ndjson") },
        // A tenant without labeled actions: 422 at once, nothing trained.
        RiskScopes.ModelsWrite => new(HttpMethod.Post, "risk/v1/models/train"),
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "No probe for this scope."),
    };

    private static HttpRequestMessage Post(string path) =>
        new(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
}
