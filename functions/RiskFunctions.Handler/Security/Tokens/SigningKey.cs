using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>
/// One asymmetric JWS key bound to exactly one algorithm. Binding the algorithm to the key (instead of
/// trusting the token header) is what defeats algorithm-confusion attacks: an RS256 key never verifies
/// an HS256 or ES256 signature. Private keys are only present for keys this service signs with.
/// </summary>
public abstract class SigningKey : IDisposable
{
    /// <summary>The smallest RSA modulus accepted, for our own keys and for external issuers alike.</summary>
    public const int MinimumRsaKeySizeBits = 2048;

    private protected SigningKey(string algorithm, string keyId)
    {
        Algorithm = algorithm;
        KeyId = keyId;
    }

    /// <summary>The JWS <c>alg</c> this key signs and verifies, and nothing else.</summary>
    public string Algorithm { get; }

    /// <summary>The <c>kid</c>: an RFC 7638 thumbprint for our own keys, the publisher's value for external ones.</summary>
    public string KeyId { get; }

    public abstract bool HasPrivateKey { get; }

    /// <summary>Signs <paramref name="data"/>; throws when the key has no private part.</summary>
    public abstract byte[] Sign(ReadOnlySpan<byte> data);

    public abstract bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>The public half as a JWK for the JWKS endpoint.</summary>
    public abstract JsonWebKey ToPublicJwk();

    /// <summary>Loads a PEM key (PKCS#8/PKCS#1/SEC1 private or SubjectPublicKeyInfo public); the kid is its thumbprint.</summary>
    public static SigningKey FromPem(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        if (pem.Contains("RSA PRIVATE KEY", StringComparison.Ordinal) || pem.Contains("BEGIN PRIVATE KEY", StringComparison.Ordinal)
            || pem.Contains("BEGIN PUBLIC KEY", StringComparison.Ordinal) || pem.Contains("RSA PUBLIC KEY", StringComparison.Ordinal))
        {
            // PKCS#8 and SubjectPublicKeyInfo carry either key family; try RSA first, then EC.
            var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(pem);
                return RsaSigningKey.Create(rsa, keyId: null);
            }
            catch (CryptographicException)
            {
                rsa.Dispose();
            }
            catch (ArgumentException)
            {
                rsa.Dispose();
            }
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return EcdsaSigningKey.Create(ecdsa, keyId: null);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>Builds a verification-only key from a published JWK, or null when it is not usable for signatures here.</summary>
    public static SigningKey? FromPublicJwk(JsonWebKey jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        if (jwk.Use is not null && !string.Equals(jwk.Use, "sig", StringComparison.Ordinal))
        {
            return null;
        }

        if (string.IsNullOrEmpty(jwk.KeyId))
        {
            return null;
        }

        try
        {
            return jwk.KeyType switch
            {
                "RSA" when jwk.Algorithm is null or JwtAlgorithms.RS256 => RsaSigningKey.FromJwk(jwk),
                "EC" when jwk.Algorithm is null or JwtAlgorithms.ES256 => EcdsaSigningKey.FromJwk(jwk),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Generates a fresh private key for the given algorithm.</summary>
    public static SigningKey Generate(string algorithm) => algorithm switch
    {
        JwtAlgorithms.RS256 => RsaSigningKey.Create(RSA.Create(MinimumRsaKeySizeBits), keyId: null),
        JwtAlgorithms.ES256 => EcdsaSigningKey.Create(ECDsa.Create(ECCurve.NamedCurves.nistP256), keyId: null),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Only RS256 and ES256 are supported."),
    };

    /// <summary>Exports the private key as PKCS#8 PEM (for the local key store only).</summary>
    public abstract string ExportPrivateKeyPem();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    /// <summary>RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace.</summary>
    private protected static string Thumbprint(string canonicalJson) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
}
