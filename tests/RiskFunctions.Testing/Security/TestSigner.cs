using System.Security.Cryptography;

namespace RiskFunctions.Testing.Security;

/// <summary>
/// A way to sign a test JWT: the key the handler under test trusts, a stranger's key, an HMAC secret
/// (for algorithm-confusion attacks) or no signature at all.
/// </summary>
public sealed class TestSigner
{
    private readonly Func<byte[], byte[]> _sign;

    private TestSigner(string algorithm, string? keyId, Func<byte[], byte[]> sign)
    {
        Algorithm = algorithm;
        KeyId = keyId;
        _sign = sign;
    }

    /// <summary>The <c>alg</c> header this signer writes.</summary>
    public string Algorithm { get; }

    /// <summary>The <c>kid</c> header this signer writes, if any.</summary>
    public string? KeyId { get; }

    public byte[] Sign(byte[] signingInput) => _sign(signingInput);

    /// <summary>RS256 with the given RSA key.</summary>
    public static TestSigner Rsa(RSA key, string? keyId) =>
        new("RS256", keyId, data => key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>ES256 with the given P-256 key (IEEE P1363 signatures as JWS requires).</summary>
    public static TestSigner Ecdsa(ECDsa key, string? keyId) =>
        new("ES256", keyId, data => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <summary>HS256 keyed with <paramref name="secret"/> (e.g. the trusted public key's bytes, the classic confusion attack).</summary>
    public static TestSigner Hmac(byte[] secret, string? keyId, string algorithm = "HS256") =>
        new(algorithm, keyId, data => HMACSHA256.HashData(secret, data));

    /// <summary><c>alg: none</c> with an empty signature.</summary>
    public static TestSigner None(string? keyId, string algorithm = "none") => new(algorithm, keyId, _ => []);

    /// <summary>Writes <paramref name="algorithm"/> in the header but signs with this signer's key (header/key mismatch).</summary>
    public TestSigner WithHeaderAlgorithm(string algorithm) => new(algorithm, KeyId, _sign);

    /// <summary>The same key announced under another <c>kid</c>.</summary>
    public TestSigner WithKeyId(string? keyId) => new(Algorithm, keyId, _sign);
}
