using System.ComponentModel.DataAnnotations;

namespace RiskFunctions.Functions.Security.ExternalIssuers;

/// <summary>
/// One external OpenID Connect issuer (for example an Entra ID tenant) whose access tokens are accepted
/// for exactly one of our tenants (list <c>Security:ExternalIssuers</c>). The token's own tenant claim is
/// never trusted: the tenant comes from this mapping.
/// </summary>
public sealed class ExternalIssuerOptions
{
    public const string SectionName = "Security:ExternalIssuers";

    /// <summary>The exact <c>iss</c>, e.g. <c>https://login.microsoftonline.com/{entra-tenant-id}/v2.0</c>.</summary>
    [Required]
    public string Issuer { get; set; } = "";

    /// <summary>The <c>aud</c> its tokens carry for this API (the app registration's Application ID URI or client id).</summary>
    [Required]
    public string Audience { get; set; } = "";

    /// <summary>Our tenant that callers authenticated by this issuer act for.</summary>
    [Required]
    public string TenantId { get; set; } = "";

    /// <summary>OpenID discovery document; its <c>jwks_uri</c> is used. Either this or <see cref="JwksUri"/>.</summary>
    public Uri? MetadataAddress { get; set; }

    /// <summary>The issuer's JWKS document, when there is no discovery document to read it from.</summary>
    public Uri? JwksUri { get; set; }

    /// <summary>When not empty, only these client applications (<c>azp</c>/<c>appid</c>/<c>client_id</c>) are accepted.</summary>
    public IList<string> AllowedClientIds { get; } = [];

    /// <summary>
    /// Maps the issuer's role or scope values (Entra app roles such as <c>Risk.Rules.Write</c>) to our
    /// scopes (<c>rules:write</c>). When empty, values equal to our scope names are taken as they are.
    /// </summary>
    public IDictionary<string, string> RoleScopes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Key documents must be fetched over HTTPS; turned off only for a loopback test issuer.</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>How long fetched keys are used before they are fetched again (at least 5 minutes).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The least time between two fetches triggered by an unknown <c>kid</c> (stops key-miss floods; at least 1 second).</summary>
    public TimeSpan MinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}
