using System.Buffers.Text;
using System.Security.Cryptography;

namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>An EC P-256 key that signs and verifies ES256 (IEEE P1363 r||s signatures, as JWS requires) only.</summary>
public sealed class EcdsaSigningKey : SigningKey
{
    private const int SignatureLength = 64;
    private readonly ECDsa _ecdsa;

    private EcdsaSigningKey(ECDsa ecdsa, string keyId, bool hasPrivateKey)
        : base(JwtAlgorithms.ES256, keyId)
    {
        _ecdsa = ecdsa;
        HasPrivateKey = hasPrivateKey;
    }

    public override bool HasPrivateKey { get; }

    internal static EcdsaSigningKey Create(ECDsa ecdsa, string? keyId)
    {
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        if (!string.Equals(parameters.Curve.Oid.FriendlyName, ECCurve.NamedCurves.nistP256.Oid.FriendlyName, StringComparison.Ordinal)
            && !string.Equals(parameters.Curve.Oid.Value, "1.2.840.10045.3.1.7", StringComparison.Ordinal))
        {
            ecdsa.Dispose();
            throw new CryptographicException("EC keys must be on the P-256 curve (ES256).");
        }

        bool hasPrivate;
        try
        {
            hasPrivate = ecdsa.ExportParameters(includePrivateParameters: true).D is not null;
        }
        catch (CryptographicException)
        {
            hasPrivate = false;
        }

        return new EcdsaSigningKey(ecdsa, keyId ?? ThumbprintOf(parameters), hasPrivate);
    }

    internal static EcdsaSigningKey FromJwk(JsonWebKey jwk)
    {
        if (!string.Equals(jwk.Curve, "P-256", StringComparison.Ordinal))
        {
            throw new FormatException("Only P-256 EC keys are accepted.");
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportParameters(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = Base64Url.DecodeFromChars(jwk.X ?? throw new FormatException("EC JWK without x.")),
                Y = Base64Url.DecodeFromChars(jwk.Y ?? throw new FormatException("EC JWK without y.")),
            },
        });
        return Create(ecdsa, jwk.KeyId);
    }

    public override byte[] Sign(ReadOnlySpan<byte> data) =>
        HasPrivateKey
            ? _ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            : throw new InvalidOperationException("This key has no private part and cannot sign.");

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureLength
        && _ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public override JsonWebKey ToPublicJwk()
    {
        var parameters = _ecdsa.ExportParameters(includePrivateParameters: false);
        return new JsonWebKey
        {
            KeyType = "EC",
            Use = "sig",
            Algorithm = Algorithm,
            KeyId = KeyId,
            Curve = "P-256",
            X = Base64Url.EncodeToString(parameters.Q.X),
            Y = Base64Url.EncodeToString(parameters.Q.Y),
        };
    }

    public override string ExportPrivateKeyPem() => _ecdsa.ExportPkcs8PrivateKeyPem();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ecdsa.Dispose();
        }
    }

    private static string ThumbprintOf(ECParameters parameters) =>
        Thumbprint($$"""{"crv":"P-256","kty":"EC","x":"{{Base64Url.EncodeToString(parameters.Q.X)}}","y":"{{Base64Url.EncodeToString(parameters.Q.Y)}}"}""");
}
