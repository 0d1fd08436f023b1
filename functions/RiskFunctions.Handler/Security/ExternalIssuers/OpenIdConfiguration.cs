using System.Text.Json.Serialization;

namespace RiskFunctions.Handler.Security.ExternalIssuers;

/// <summary>The members of an OpenID Provider Metadata document (discovery) that this service reads or publishes.</summary>
public sealed record OpenIdConfiguration
{
    [JsonPropertyName("issuer")] public string? Issuer { get; init; }
    [JsonPropertyName("jwks_uri")] public string? JwksUri { get; init; }
    [JsonPropertyName("token_endpoint")] public string? TokenEndpoint { get; init; }
    [JsonPropertyName("grant_types_supported")] public IReadOnlyList<string>? GrantTypesSupported { get; init; }
    [JsonPropertyName("token_endpoint_auth_methods_supported")] public IReadOnlyList<string>? TokenEndpointAuthMethodsSupported { get; init; }
    [JsonPropertyName("response_types_supported")] public IReadOnlyList<string>? ResponseTypesSupported { get; init; }
    [JsonPropertyName("subject_types_supported")] public IReadOnlyList<string>? SubjectTypesSupported { get; init; }
    [JsonPropertyName("id_token_signing_alg_values_supported")] public IReadOnlyList<string>? IdTokenSigningAlgValuesSupported { get; init; }
    [JsonPropertyName("scopes_supported")] public IReadOnlyList<string>? ScopesSupported { get; init; }
}
