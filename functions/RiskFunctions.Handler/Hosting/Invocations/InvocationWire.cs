using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskFunctions.Handler.Hosting.Invocations;

/// <summary>The body the Functions host posts to <c>/{FunctionName}</c> for a non-HTTP trigger.</summary>
internal sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] Dictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("Metadata")] Dictionary<string, JsonElement>? Metadata);

/// <summary>
/// The reply the host requires: 2xx with a non-empty JSON body. <c>Outputs</c> holds output binding
/// values, <c>Logs</c> lines the host writes to the invocation's log, <c>ReturnValue</c> a <c>$return</c> binding.
/// </summary>
internal sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, JsonElement> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] JsonElement? ReturnValue);
