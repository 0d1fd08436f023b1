using System.Text.Json;
using System.Text.Json.Serialization;
using RiskFunctions.Functions.Health;

namespace RiskFunctions.Functions.Json;

/// <summary>Source-generated serialization for the app's own wire types (health); contract types use the Domain's context.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthReportBody))]
internal sealed partial class HandlerJsonContext : JsonSerializerContext;
