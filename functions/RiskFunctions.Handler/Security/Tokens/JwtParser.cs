using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace RiskFunctions.Handler.Security.Tokens;

/// <summary>A compact JWS split into its parts, before any check of its signature or claims.</summary>
/// <param name="Header">The decoded JOSE header.</param>
/// <param name="Payload">The decoded claims.</param>
/// <param name="SigningInput">The ASCII bytes of <c>header.payload</c>, over which the signature is computed.</param>
/// <param name="Signature">The decoded signature bytes.</param>
public sealed record ParsedJwt(JwtHeader Header, JwtPayload Payload, byte[] SigningInput, byte[] Signature);

/// <summary>
/// Strict compact-JWS parsing: exactly three base64url parts, JSON objects with no duplicate members,
/// typed claim values, bounded size and depth. Anything unusual fails rather than being interpreted.
/// </summary>
public static class JwtParser
{
    /// <summary>Generous for Entra ID tokens (~2-3 KB), small enough to bound the work per request.</summary>
    public const int MaxTokenLength = 8 * 1024;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 4 };
    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>Non-empty, at most <see cref="MaxTokenLength"/> characters, only base64url characters and dots.</summary>
    public static bool HasTokenShape(string token) =>
        !string.IsNullOrEmpty(token) && token.Length <= MaxTokenLength && !token.AsSpan().ContainsAnyExcept(Base64UrlAlphabet);

    public static bool TryParse(string token, out ParsedJwt? jwt)
    {
        jwt = null;
        if (!HasTokenShape(token))
        {
            return false;
        }

        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.Length - 1 || token.IndexOf('.', second + 1) >= 0)
        {
            return false;
        }

        try
        {
            var headerBytes = Base64Url.DecodeFromChars(token.AsSpan(0, first));
            var payloadBytes = Base64Url.DecodeFromChars(token.AsSpan(first + 1, second - first - 1));
            var signature = Base64Url.DecodeFromChars(token.AsSpan(second + 1));
            var header = ReadHeader(headerBytes);
            var payload = ReadPayload(payloadBytes);
            if (header is null || payload is null)
            {
                return false;
            }

            jwt = new ParsedJwt(header, payload, Encoding.ASCII.GetBytes(token, 0, second), signature);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private delegate void MemberReader(string name, ref Utf8JsonReader reader);

    private static JwtHeader? ReadHeader(byte[] json)
    {
        string? alg = null, kid = null, typ = null;
        var critical = false;
        var complete = ReadObject(json, (string name, ref Utf8JsonReader reader) =>
        {
            switch (name)
            {
                case "alg": alg = ReadString(ref reader); break;
                case "kid": kid = ReadString(ref reader); break;
                case "typ": typ = ReadString(ref reader); break;
                case "crit": critical = true; reader.Skip(); break;
                default: reader.Skip(); break;
            }
        });
        return complete ? new JwtHeader(alg, kid, typ, critical) : null;
    }

    private static JwtPayload? ReadPayload(byte[] json)
    {
        var payload = new JwtPayload();
        var complete = ReadObject(json, (string name, ref Utf8JsonReader reader) =>
            payload = name switch
            {
                "iss" => payload with { Issuer = ReadString(ref reader) },
                "sub" => payload with { Subject = ReadString(ref reader) },
                "aud" => payload with { Audiences = ReadStringOrArray(ref reader) },
                "exp" => payload with { ExpiresAt = ReadNumericDate(ref reader) },
                "nbf" => payload with { NotBefore = ReadNumericDate(ref reader) },
                "iat" => payload with { IssuedAt = ReadNumericDate(ref reader) },
                "jti" => payload with { TokenId = ReadString(ref reader) },
                "tid" => payload with { TenantId = ReadString(ref reader) },
                "client_id" => payload with { ClientId = ReadString(ref reader) },
                "azp" => payload with { AuthorizedParty = ReadString(ref reader) },
                "appid" => payload with { AppId = ReadString(ref reader) },
                "scope" => payload with { Scope = ReadString(ref reader) },
                "scp" => payload with { Scp = ReadString(ref reader) },
                "roles" => payload with { Roles = ReadStringOrArray(ref reader) },
                _ => Skip(ref reader, payload),
            });
        return complete ? payload : null;
    }

    /// <summary>Reads one top-level JSON object, refusing duplicate member names and trailing content.</summary>
    private static bool ReadObject(byte[] json, MemberReader readMember)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name) || !reader.Read())
            {
                return false;
            }

            readMember(name, ref reader);
        }

        return reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0 && !reader.Read();
    }

    private static JwtPayload Skip(ref Utf8JsonReader reader, JwtPayload payload)
    {
        reader.Skip();
        return payload;
    }

    private static string ReadString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new JsonException("Expected a string claim.");

    private static long ReadNumericDate(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException("Expected a NumericDate.");
        }

        if (reader.TryGetInt64(out var seconds))
        {
            return seconds;
        }

        // RFC 7519 allows fractional seconds; the whole second is precise enough for validity windows.
        var value = reader.GetDouble();
        return double.IsFinite(value) && Math.Abs(value) < 1e12 ? (long)Math.Floor(value) : throw new JsonException("NumericDate out of range.");
    }

    private static string[] ReadStringOrArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return [reader.GetString()!];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected a string or an array of strings.");
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(ReadString(ref reader));
        }

        return [.. values];
    }
}
