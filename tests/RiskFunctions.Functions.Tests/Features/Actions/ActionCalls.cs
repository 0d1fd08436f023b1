using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>Request bodies and calls the action tests share.</summary>
internal static class ActionCalls
{
    public const string HomeAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    public const string AwayAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

    public static JsonObject Login(string? user = "alice", string ip = "192.0.2.44", string device = "device-alice", string agent = HomeAgent) => new()
    {
        ["action_type"] = "login",
        ["user_id"] = user,
        ["context"] = new JsonObject
        {
            ["ip"] = ip,
            ["user_agent"] = agent,
            ["device_id"] = device,
            ["device_fingerprint"] = "fp-" + device,
        },
    };

    public static StringContent JsonText(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> TriggerAsync(HttpClient client, JsonObject action, bool withRecommendation = true)
    {
        var response = await client.PostAsync(
            "/risk/v1/action/trigger-action" + (withRecommendation ? "?get_recommendation=true" : string.Empty),
            JsonText(action.ToJsonString()));
        return (response, await BodyAsync(response));
    }

    public static async Task<HttpResponseMessage> ResultAsync(HttpClient client, string actionToken, string result = "success", string? userId = null, string? challenge = null) =>
        await client.PostAsync("/risk/v1/action/result", JsonText(ResultBody(actionToken, result, userId, challenge).ToJsonString()));

    public static JsonObject ResultBody(string actionToken, string result = "success", string? userId = null, string? challenge = null)
    {
        var body = new JsonObject { ["action_token"] = actionToken, ["result"] = result };
        if (userId is not null)
        {
            body["user_id"] = userId;
        }

        if (challenge is not null)
        {
            body["challenge_type"] = challenge;
        }

        return body;
    }

    public static async Task<JsonObject> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return Parse(text);
    }

    public static JsonObject Parse(string text) => string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text)!.AsObject();

    public static async Task<JsonObject> RecommendationAsync(HttpClient client, string actionToken)
    {
        var response = await client.GetAsync("/risk/v1/recommendation?action_token=" + Uri.EscapeDataString(actionToken));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];
    }

    /// <summary>Asserts the answer is the error body with <paramref name="status"/> and a message starting with <paramref name="expected"/>.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string expected)
    {
        var answer = await BodyAsync(response);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal((int)status, answer["error_code"]!.GetValue<int>());
        Assert.Contains(Strings(answer["message"]), message => message.StartsWith(expected, StringComparison.Ordinal));
    }

    public static string[] Strings(JsonNode? array) => array?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];
}
