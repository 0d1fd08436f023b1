using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskFunctions.Handler.Security.Keys;

namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>Mints our access tokens: a JWS signed with the current key, typed <c>at+jwt</c> (RFC 9068).</summary>
public sealed class AccessTokenFactory(SigningKeyRing keys, TimeProvider time, IOptions<TokenOptions> options)
{
    private readonly TokenOptions _options = options.Value;

    /// <summary>Whether tokens can be issued at all (a signing key is configured).</summary>
    public bool CanIssue => keys.Current is not null;

    public IssuedToken Create(string tenantId, string clientId, IReadOnlyList<string> scopes)
    {
        if (!TenantIds.IsValid(tenantId))
        {
            throw new ArgumentException("Invalid tenant id.", nameof(tenantId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        var key = keys.Current
            ?? throw new InvalidOperationException($"No token signing key is configured ({SigningKeyOptions.SectionName}).");
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var lifetime = (int)_options.Lifetime.TotalSeconds;
        var tokenId = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var granted = ScopeList.KnownScopes(scopes);

        var header = Encode(writer =>
        {
            writer.WriteString("alg", key.Algorithm);
            writer.WriteString("kid", key.KeyId);
            writer.WriteString("typ", "at+jwt");
        });
        var payload = Encode(writer =>
        {
            writer.WriteString("iss", _options.Issuer);
            writer.WriteString("sub", clientId);
            writer.WriteString("aud", _options.Audience);
            writer.WriteNumber("iat", now);
            writer.WriteNumber("nbf", now);
            writer.WriteNumber("exp", now + lifetime);
            writer.WriteString("jti", tokenId);
            writer.WriteString(RiskClaims.TenantId, tenantId);
            writer.WriteString(RiskClaims.ClientId, clientId);
            writer.WriteString(RiskClaims.Scope, ScopeList.Join(granted));
            writer.WriteStartArray("roles");
            foreach (var scope in granted)
            {
                writer.WriteStringValue(scope);
            }

            writer.WriteEndArray();
        });

        var signingInput = header + "." + payload;
        var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return new IssuedToken(signingInput + "." + Base64Url.EncodeToString(signature), lifetime, granted, tokenId);
    }

    private static string Encode(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        // Relaxed escaping writes "at+jwt" as such; nothing here is ever embedded in HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }
}
