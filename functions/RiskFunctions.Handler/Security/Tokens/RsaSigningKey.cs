using System.Buffers.Text;
using System.Security.Cryptography;

namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>An RSA key that signs and verifies RS256 (PKCS#1 v1.5, SHA-256) only.</summary>
public sealed class RsaSigningKey : SigningKey
{
    private readonly RSA _rsa;

    private RsaSigningKey(RSA rsa, string keyId, bool hasPrivateKey)
        : base(JwtAlgorithms.RS256, keyId)
    {
        _rsa = rsa;
        HasPrivateKey = hasPrivateKey;
    }

    public override bool HasPrivateKey { get; }

    internal static RsaSigningKey Create(RSA rsa, string? keyId)
    {
        if (rsa.KeySize < MinimumRsaKeySizeBits)
        {
            rsa.Dispose();
            throw new CryptographicException($"RSA keys must have at least {MinimumRsaKeySizeBits} bits.");
        }

        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        bool hasPrivate;
        try
        {
            rsa.ExportParameters(includePrivateParameters: true);
            hasPrivate = true;
        }
        catch (CryptographicException)
        {
            hasPrivate = false;
        }

        return new RsaSigningKey(rsa, keyId ?? ThumbprintOf(parameters), hasPrivate);
    }

    internal static RsaSigningKey FromJwk(JsonWebKey jwk)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(jwk.Modulus ?? throw new FormatException("RSA JWK without n.")),
            Exponent = Base64Url.DecodeFromChars(jwk.Exponent ?? throw new FormatException("RSA JWK without e.")),
        });
        return Create(rsa, jwk.KeyId);
    }

    public override byte[] Sign(ReadOnlySpan<byte> data) =>
        HasPrivateKey
            ? _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : throw new InvalidOperationException("This key has no private part and cannot sign.");

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == _rsa.KeySize / 8
        && _rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public override JsonWebKey ToPublicJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new JsonWebKey
        {
            KeyType = "RSA",
            Use = "sig",
            Algorithm = Algorithm,
            KeyId = KeyId,
            Modulus = Base64Url.EncodeToString(parameters.Modulus),
            Exponent = Base64Url.EncodeToString(parameters.Exponent),
        };
    }

    public override string ExportPrivateKeyPem() => _rsa.ExportPkcs8PrivateKeyPem();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rsa.Dispose();
        }
    }

    private static string ThumbprintOf(RSAParameters parameters) =>
        Thumbprint($$"""{"e":"{{Base64Url.EncodeToString(parameters.Exponent)}}","kty":"RSA","n":"{{Base64Url.EncodeToString(parameters.Modulus)}}"}""");
}
