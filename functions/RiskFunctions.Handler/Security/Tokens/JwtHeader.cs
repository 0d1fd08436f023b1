namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>The JOSE header members we act on. <c>jku</c>, <c>x5u</c> and embedded <c>jwk</c> are deliberately ignored.</summary>
public sealed record JwtHeader(string? Algorithm, string? KeyId, string? Type, bool HasCriticalExtensions);
