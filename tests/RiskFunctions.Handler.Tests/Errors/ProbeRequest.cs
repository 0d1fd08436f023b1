using System.Text.Json.Serialization;

namespace RiskFunctions.Handler.Tests.Errors;

public sealed record ProbeRequest(
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("subject")] ProbeSubject? Subject)
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }
}

public sealed record ProbeSubject(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("amount")] decimal Amount);

[JsonSerializable(typeof(ProbeRequest))]
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
internal sealed partial class ProbeJsonContext : JsonSerializerContext;
