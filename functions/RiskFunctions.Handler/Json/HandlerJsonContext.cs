using System.Text.Json;
using System.Text.Json.Serialization;
using RiskFunctions.Handler.Hosting.Health;
using RiskFunctions.Handler.Hosting.Invocations;

namespace RiskFunctions.Handler.Json;

/// <summary>Source-generated serialization for the handler's own wire types (health, envelopes); contract types use the Domain's context.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthReportBody))]
[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(InvocationResponse))]
internal sealed partial class HandlerJsonContext : JsonSerializerContext;
