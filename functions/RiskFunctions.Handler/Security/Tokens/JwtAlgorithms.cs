namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>
/// The only JWS algorithms this service signs or accepts. Everything else (<c>none</c>, the HMAC family,
/// PS*, ES384/512) is rejected before a key is even looked up, and a key only verifies its own algorithm.
/// </summary>
public static class JwtAlgorithms
{
    public const string RS256 = "RS256";
    public const string ES256 = "ES256";

    public static bool IsSupported(string? algorithm) =>
        string.Equals(algorithm, RS256, StringComparison.Ordinal) || string.Equals(algorithm, ES256, StringComparison.Ordinal);
}
