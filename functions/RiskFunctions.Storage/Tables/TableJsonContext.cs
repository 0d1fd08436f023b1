using System.Text.Json.Serialization;

namespace RiskFunctions.Storage.Tables;

internal sealed record TableCreateRequest(string TableName);

internal sealed record TableListEntry(string TableName);

internal sealed record TableListResponse([property: JsonPropertyName("value")] IReadOnlyList<TableListEntry>? Value);

/// <summary>Source-generated JSON for the table-level payloads (entities are written by hand: they are dynamic).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(TableCreateRequest))]
[JsonSerializable(typeof(TableListResponse))]
internal sealed partial class TableJsonContext : JsonSerializerContext;
