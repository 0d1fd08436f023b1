using System.Text.Json.Serialization;

namespace RiskFunctions.Functions.Features.Labels.Transport;

/// <summary>
/// The body of a propagation message: which label to propagate. The label itself is read from storage, so a
/// message never carries stale or client-controlled state, and resending it is always safe.
/// </summary>
public sealed record LabelPropagationMessage(
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("label_id")] string LabelId);

[JsonSerializable(typeof(LabelPropagationMessage))]
[JsonSerializable(typeof(string))]
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
internal sealed partial class LabelMessageJsonContext : JsonSerializerContext;
