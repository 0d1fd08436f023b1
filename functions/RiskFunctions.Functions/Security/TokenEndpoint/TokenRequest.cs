using System.Text;
using AuthenticationHeaderValue = System.Net.Http.Headers.AuthenticationHeaderValue;
using Microsoft.Net.Http.Headers;

namespace RiskFunctions.Functions.Security.TokenEndpoint;

/// <summary>A client-credentials token request (RFC 6749 section 4.4) read from the form and the Authorization header.</summary>
public sealed record TokenRequest(string GrantType, string ClientId, string ClientSecret, string? Resource, string? Scope, bool UsedBasicAuthentication)
{
    /// <summary>Reads the request, or says what is wrong with it as an <c>invalid_request</c> description.</summary>
    public static async Task<(TokenRequest? Request, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType
            || !MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "the request must be application/x-www-form-urlencoded");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            // The form reader's own limits (field count, key and value length): a malformed request, not a fault here.
            return (null, "the form has too many parameters or a parameter too long");
        }

        foreach (var field in form)
        {
            if (field.Value.Count > 1)
            {
                return (null, $"the parameter '{Printable(field.Key)}' is repeated");
            }
        }

        var basic = ReadBasic(request, out var basicProblem);
        if (basicProblem is not null)
        {
            return (null, basicProblem);
        }

        var formClientId = Value(form, "client_id");
        var formSecret = Value(form, "client_secret");
        if (basic is not null && formSecret is not null)
        {
            return (null, "use one client authentication method, not both");
        }

        var (clientId, secret) = basic is { } credentials ? (credentials.ClientId, credentials.Secret) : (formClientId, formSecret);
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret))
        {
            return (null, "client_id and client_secret are required");
        }

        if (basic is not null && formClientId is not null && !string.Equals(formClientId, clientId, StringComparison.Ordinal))
        {
            return (null, "client_id differs from the authenticated client");
        }

        var grantType = Value(form, "grant_type");
        if (string.IsNullOrEmpty(grantType))
        {
            return (null, "grant_type is required");
        }

        return (new TokenRequest(grantType, clientId, secret, Value(form, "resource"), Value(form, "scope"), basic is not null), null);
    }

    private static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>client_secret_basic: credentials are form-urlencoded, then base64 (RFC 6749 section 2.3.1).</summary>
    private static (string ClientId, string Secret)? ReadBasic(HttpRequest request, out string? problem)
    {
        problem = null;
        var header = request.Headers.Authorization;
        if (header.Count == 0)
        {
            return null;
        }

        if (header.Count > 1 || !AuthenticationHeaderValue.TryParse(header[0], out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            problem = "the Authorization header must use the Basic scheme";
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                return (Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
            }
        }
        catch (FormatException)
        {
        }

        problem = "the Basic credentials are malformed";
        return null;
    }

    /// <summary>Echoes a caller-supplied name only when it is short and printable.</summary>
    private static string Printable(string value) =>
        value.Length <= 32 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? value : "?";
}
