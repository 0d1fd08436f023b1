using System.Text.Json.Serialization;

namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>A public JSON Web Key (RFC 7517) as published in a JWKS document; RSA and EC P-256 only.</summary>
public sealed record JsonWebKey
{
    [JsonPropertyName("kty")] public string? KeyType { get; init; }
    [JsonPropertyName("use")] public string? Use { get; init; }
    [JsonPropertyName("alg")] public string? Algorithm { get; init; }
    [JsonPropertyName("kid")] public string? KeyId { get; init; }
    [JsonPropertyName("n")] public string? Modulus { get; init; }
    [JsonPropertyName("e")] public string? Exponent { get; init; }
    [JsonPropertyName("crv")] public string? Curve { get; init; }
    [JsonPropertyName("x")] public string? X { get; init; }
    [JsonPropertyName("y")] public string? Y { get; init; }
}

/// <summary>A JWKS document: <c>{"keys": [...]}</c>.</summary>
public sealed record JsonWebKeySet
{
    [JsonPropertyName("keys")] public IReadOnlyList<JsonWebKey> Keys { get; init; } = [];
}
