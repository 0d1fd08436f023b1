using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RiskFunctions.Functions.Security.Discovery;

/// <summary>How the library's <see cref="Microsoft.IdentityModel.Tokens.JsonWebKeySet"/> is written to the JWKS endpoint.</summary>
internal static class PublishedKeyJson
{
    /// <summary>
    /// The library's JWK initialises its list members (<c>key_ops</c>, <c>x5c</c>, <c>oth</c>) empty; an empty
    /// <c>key_ops</c> would tell strict readers the key may do nothing, so empty lists are left out, as are nulls.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(static info =>
        {
            foreach (var property in info.Properties)
            {
                if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
                {
                    property.ShouldSerialize = static (_, value) => value is not ICollection { Count: 0 };
                }
            }
        }),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
