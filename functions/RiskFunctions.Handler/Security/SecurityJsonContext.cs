using System.Text.Json.Serialization;
using RiskFunctions.Handler.Security.ExternalIssuers;
using RiskFunctions.Handler.Security.Tokens;

namespace RiskFunctions.Handler.Security;

/// <summary>Source-generated JSON for the security documents: JWKS, discovery, token responses.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, MaxDepth = 16)]
[JsonSerializable(typeof(JsonWebKeySet))]
[JsonSerializable(typeof(OpenIdConfiguration))]
internal sealed partial class SecurityJsonContext : JsonSerializerContext;
