using System.Text;
using System.Text.Json.Nodes;
using RiskFunctions.Functions.Tests.Features.Actions;

namespace RiskFunctions.Functions.Tests.Features.Import;

/// <summary>Import lines and calls the import tests share.</summary>
internal static class ImportCalls
{
    public const string Route = "/risk/v1/import/actions";

    public static JsonObject ActionLine(string reference, DateTimeOffset at, JsonObject action) => new()
    {
        ["type"] = "action",
        ["ref"] = reference,
        ["occurred_at"] = at.ToUnixTimeMilliseconds(),
        ["action"] = action,
    };

    public static JsonObject ResultLine(string reference, DateTimeOffset at, string result = "success", string? userId = null)
    {
        var body = new JsonObject { ["result"] = result };
        if (userId is not null)
        {
            body["user_id"] = userId;
        }

        return new JsonObject { ["type"] = "result", ["ref"] = reference, ["occurred_at"] = at.ToUnixTimeMilliseconds(), ["result"] = body };
    }

    public static JsonObject ActionLabelLine(string actionRef, DateTimeOffset at, string labelType = "CONFIRMED_FRAUD", string? reference = null)
    {
        var line = new JsonObject
        {
            ["type"] = "label",
            ["occurred_at"] = at.ToUnixTimeMilliseconds(),
            ["action_ref"] = actionRef,
            ["label"] = new JsonObject { ["label_type"] = labelType, ["subject"] = new JsonObject { ["type"] = "ACTION_ID" } },
        };
        if (reference is not null)
        {
            line["ref"] = reference;
        }

        return line;
    }

    public static StringContent Ndjson(IEnumerable<JsonObject> lines) => Ndjson(string.Join('\n', lines.Select(line => line.ToJsonString())));

    public static StringContent Ndjson(string body) => new(body, Encoding.UTF8, "application/x-ndjson");

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> ImportAsync(HttpClient client, params JsonObject[] lines)
    {
        var response = await client.PostAsync(Route, Ndjson(lines));
        return (response, await ActionCalls.BodyAsync(response));
    }

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> ImportTextAsync(HttpClient client, string body)
    {
        var response = await client.PostAsync(Route, Ndjson(body));
        return (response, await ActionCalls.BodyAsync(response));
    }

    public static JsonObject Line(JsonObject body, int index) => body["results"]![index]!.AsObject();

    public static string Token(JsonObject body, int index) => Line(body, index)["action_token"]!.GetValue<string>();

    public static string[] Messages(JsonObject body) => ActionCalls.Strings(body["message"]);
}
