using Microsoft.IdentityModel.JsonWebTokens;

namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>Typed reads of payload claims: a claim of the wrong JSON type counts as absent, never as converted.</summary>
internal static class TokenClaims
{
    public static string? String(this JsonWebToken token, string name) =>
        token.TryGetPayloadValue<string>(name, out var value) ? value : null;

    /// <summary>A string or an array of strings (Entra ID <c>roles</c>, ours too).</summary>
    public static IReadOnlyList<string> Strings(this JsonWebToken token, string name)
    {
        if (token.TryGetPayloadValue<string[]>(name, out var values) && values is not null)
        {
            return values;
        }

        return token.TryGetPayloadValue<string>(name, out var single) && single is not null ? [single] : [];
    }

    public static bool Has(this JsonWebToken token, string name) => token.TryGetPayloadValue<object>(name, out var value) && value is not null;
}
