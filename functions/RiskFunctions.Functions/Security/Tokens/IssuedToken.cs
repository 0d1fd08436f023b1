namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>A freshly minted access token and the facts the token endpoint reports about it.</summary>
public sealed record IssuedToken(string AccessToken, int ExpiresInSeconds, IReadOnlyList<string> Scopes, string TokenId);
