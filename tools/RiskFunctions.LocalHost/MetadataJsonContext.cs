using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskFunctions.LocalHost;

/// <summary>Source-generated JSON for the metadata and admin payloads this host writes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(Http.FunctionErrorBody))]
[JsonSerializable(typeof(Timers.TimerInfoPayload))]
[JsonSerializable(typeof(Admin.EnqueueMessageResult))]
[JsonSerializable(typeof(Admin.FunctionInvokeRequest))]
[JsonSerializable(typeof(ServiceBus.QueueCounts))]
[JsonSerializable(typeof(IReadOnlyList<ServiceBus.DeadLetteredMessage>))]
[JsonSerializable(typeof(IReadOnlyList<Admin.FunctionSummary>))]
[JsonSerializable(typeof(DateTime))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class MetadataJsonContext : JsonSerializerContext;
