using System.Net.Http.Headers;

namespace RiskFunctions.Testing.Security;

/// <summary>
/// A fresh tenant for one test (unique id, so tests never see each other's data) and its bearer tokens.
/// </summary>
/// <param name="Id">The tenant id carried in the token's <c>tid</c> claim.</param>
public sealed record TestTenant(string Id)
{
    /// <summary>A tenant with a unique, valid id such as <c>t-3f2a...</c>.</summary>
    public static TestTenant Create(string prefix = "t") => new($"{prefix}-{Guid.NewGuid():N}");

    /// <summary>A valid token for this tenant with the given scopes (all of them when none are given).</summary>
    public string Token(params string[] scopes) => TestTokens.Create(Id, scopes);

    /// <summary><c>Authorization: Bearer ...</c> for this tenant with the given scopes.</summary>
    public AuthenticationHeaderValue Authorization(params string[] scopes) => new("Bearer", Token(scopes));

    /// <summary>Sets <paramref name="client"/>'s default Authorization header to this tenant's token and returns it.</summary>
    public HttpClient Authorize(HttpClient client, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = Authorization(scopes);
        return client;
    }
}
