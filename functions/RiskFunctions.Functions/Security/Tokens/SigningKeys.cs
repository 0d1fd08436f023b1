using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>
/// Our own asymmetric keys as <see cref="AsymmetricSecurityKey"/>s: loaded from PEM or generated, their kid the
/// RFC 7638 thumbprint of their public half, published as public JWKs.
/// </summary>
public static class SigningKeys
{
    /// <summary>Loads a PEM key (PKCS#8/PKCS#1/SEC1 private or SubjectPublicKeyInfo public); the kid is its thumbprint.</summary>
    /// <exception cref="CryptographicException">Not a key, an RSA key under 2048 bits or an EC key off P-256.</exception>
    public static AsymmetricSecurityKey FromPem(string pem)
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
                return Rsa(rsa);
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                rsa.Dispose();
            }
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return Ecdsa(ecdsa);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>Generates a fresh private key for the given algorithm.</summary>
    public static AsymmetricSecurityKey Generate(string algorithm) => algorithm switch
    {
        JwtAlgorithms.RS256 => Rsa(RSA.Create(JwtAlgorithms.MinimumRsaKeySizeBits)),
        JwtAlgorithms.ES256 => Ecdsa(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Only RS256 and ES256 are supported."),
    };

    /// <summary>Whether the key can sign (has its private part).</summary>
    public static bool HasPrivateKey(AsymmetricSecurityKey key) => key switch
    {
        RsaSecurityKey { Rsa: { } rsa } => CanExportPrivate(() => rsa.ExportParameters(includePrivateParameters: true)),
        ECDsaSecurityKey { ECDsa: { } ecdsa } => CanExportPrivate(() => ecdsa.ExportParameters(includePrivateParameters: true).D),
        _ => false,
    };

    /// <summary>Exports the private key as PKCS#8 PEM (for the local key store only).</summary>
    public static string ExportPrivateKeyPem(AsymmetricSecurityKey key) => key switch
    {
        RsaSecurityKey { Rsa: { } rsa } => rsa.ExportPkcs8PrivateKeyPem(),
        ECDsaSecurityKey { ECDsa: { } ecdsa } => ecdsa.ExportPkcs8PrivateKeyPem(),
        _ => throw new ArgumentException("Only keys loaded or generated here can be exported.", nameof(key)),
    };

    /// <summary>The public half as a JWK (<c>use: sig</c>, the key's one <c>alg</c>) for the JWKS endpoint.</summary>
    public static JsonWebKey ToPublicJwk(AsymmetricSecurityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var jwk = PublicJwkOf(key);
        jwk.KeyId = key.KeyId;
        jwk.Use = JsonWebKeyUseNames.Sig;
        jwk.Alg = JwtAlgorithms.Of(key);
        return jwk;
    }

    /// <summary>Disposes the algorithm object behind a key loaded or generated here.</summary>
    public static void Dispose(AsymmetricSecurityKey? key)
    {
        switch (key)
        {
            case RsaSecurityKey { Rsa: { } rsa }:
                rsa.Dispose();
                break;
            case ECDsaSecurityKey { ECDsa: { } ecdsa }:
                ecdsa.Dispose();
                break;
        }
    }

    private static RsaSecurityKey Rsa(RSA rsa)
    {
        if (rsa.KeySize < JwtAlgorithms.MinimumRsaKeySizeBits)
        {
            rsa.Dispose();
            throw new CryptographicException($"RSA keys must have at least {JwtAlgorithms.MinimumRsaKeySizeBits} bits.");
        }

        var key = new RsaSecurityKey(rsa) { CryptoProviderFactory = OwnFactory() };
        key.KeyId = Thumbprint(key);
        return key;
    }

    private static ECDsaSecurityKey Ecdsa(ECDsa ecdsa)
    {
        var key = new ECDsaSecurityKey(ecdsa) { CryptoProviderFactory = OwnFactory() };
        if (JwtAlgorithms.Of(key) is null)
        {
            ecdsa.Dispose();
            throw new CryptographicException("EC keys must be on the P-256 curve (ES256).");
        }

        key.KeyId = Thumbprint(key);
        return key;
    }

    /// <summary>
    /// The library caches signature providers process-wide by key material; a key disposed with its ring (an
    /// app stopped, keys rotated) would leave a provider over a disposed algorithm object there for the next
    /// key with the same material. Each key of ours keeps its providers in its own factory instead.
    /// </summary>
    private static CryptoProviderFactory OwnFactory() => new() { CacheSignatureProviders = true };

    /// <summary>RFC 7638 over the public members only, as any relying party computes it from our JWKS.</summary>
    private static string Thumbprint(AsymmetricSecurityKey key) => Base64UrlEncoder.Encode(PublicJwkOf(key).ComputeJwkThumbprint());

    /// <summary>A JWK of the public half only, whatever the key holds: the library converter would copy private members too.</summary>
    private static JsonWebKey PublicJwkOf(AsymmetricSecurityKey key) => key switch
    {
        RsaSecurityKey { Rsa: { } rsa } => JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false))),
        RsaSecurityKey rsa => JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(new RSAParameters { Modulus = rsa.Parameters.Modulus, Exponent = rsa.Parameters.Exponent })),
        ECDsaSecurityKey { ECDsa: { } ecdsa } => PublicEcJwk(ecdsa),
        _ => throw new ArgumentException("Only RSA and EC keys are supported.", nameof(key)),
    };

    private static JsonWebKey PublicEcJwk(ECDsa ecdsa)
    {
        using var publicOnly = ECDsa.Create(ecdsa.ExportParameters(includePrivateParameters: false));
        return JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(publicOnly));
    }

    private static bool CanExportPrivate(Func<object?> export)
    {
        try
        {
            return export() is not null;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
