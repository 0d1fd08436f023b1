using System.Security.Claims;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security.Authentication;

/// <summary>Turns validated token claims into the principal endpoints see (one <c>scope</c> claim per scope).</summary>
public static class RiskPrincipal
{
    public static ClaimsPrincipal Create(RiskTokenClaims claims, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var list = new List<Claim>(4 + claims.Scopes.Count)
        {
            new(RiskClaims.TenantId, claims.TenantId),
            new(RiskClaims.ClientId, claims.ClientId),
            new("iss", claims.Issuer),
        };
        if (claims.TokenId is not null)
        {
            list.Add(new Claim("jti", claims.TokenId));
        }

        foreach (var scope in claims.Scopes)
        {
            list.Add(new Claim(RiskClaims.Scope, scope));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(list, authenticationType, RiskClaims.ClientId, roleType: RiskClaims.Scope));
    }
}
