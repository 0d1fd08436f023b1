using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>
/// The only JWS algorithms this service signs or accepts. Everything else (<c>none</c>, the HMAC family,
/// PS*, ES384/512) is rejected before a key is even looked up, and a key only verifies its own algorithm.
/// </summary>
public static class JwtAlgorithms
{
    public const string RS256 = SecurityAlgorithms.RsaSha256;
    public const string ES256 = SecurityAlgorithms.EcdsaSha256;

    /// <summary>The smallest RSA modulus accepted, for our own keys and for external issuers alike.</summary>
    public const int MinimumRsaKeySizeBits = 2048;

    public static bool IsSupported(string? algorithm) =>
        string.Equals(algorithm, RS256, StringComparison.Ordinal) || string.Equals(algorithm, ES256, StringComparison.Ordinal);

    /// <summary>
    /// The one algorithm <paramref name="key"/> may verify: RS256 for RSA keys of at least 2048 bits, ES256
    /// for P-256 keys; null for any other key, which is then not trusted at all. Binding the algorithm to the
    /// key (instead of trusting the token header) is what defeats algorithm-confusion attacks.
    /// </summary>
    public static string? Of(SecurityKey key) => key switch
    {
        RsaSecurityKey rsa when rsa.KeySize >= MinimumRsaKeySizeBits => RS256,
        ECDsaSecurityKey ecdsa when IsP256(ecdsa.ECDsa) => ES256,
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.RSA } jwk when jwk.KeySize >= MinimumRsaKeySizeBits && jwk.Alg is null or RS256 => RS256,
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.EllipticCurve, Crv: JsonWebKeyECTypes.P256 } jwk when jwk.Alg is null or ES256 => ES256,
        _ => null,
    };

    private static bool IsP256(ECDsa ecdsa)
    {
        var curve = ecdsa.ExportParameters(includePrivateParameters: false).Curve;
        return string.Equals(curve.Oid.Value, ECCurve.NamedCurves.nistP256.Oid.Value, StringComparison.Ordinal)
            || string.Equals(curve.Oid.FriendlyName, ECCurve.NamedCurves.nistP256.Oid.FriendlyName, StringComparison.Ordinal);
    }
}
