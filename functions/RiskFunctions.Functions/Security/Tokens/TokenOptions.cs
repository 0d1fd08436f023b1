using System.ComponentModel.DataAnnotations;

namespace RiskFunctions.Functions.Security.Tokens;

/// <summary>Settings of the tokens this service issues and accepts (section <c>Security:Tokens</c>).</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Security:Tokens";

    /// <summary>The resource clients ask for and the audience of our tokens, as the risk API defines it.</summary>
    public const string DefaultAudience = "https://risk.identity.security";

    /// <summary>
    /// Our <c>iss</c>: the public base URL of the service (the discovery document lives below it). Never
    /// derived from the request's Host header, which a caller controls.
    /// </summary>
    [Required]
    [Url]
    public string Issuer { get; set; } = "http://localhost:7071";

    [Required]
    public string Audience { get; set; } = DefaultAudience;

    /// <summary>Lifetime of issued tokens; the contract promises one hour (<c>expires_in: 3600</c>).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tolerance for clocks that disagree slightly with ours, applied to exp, nbf and iat.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many already-validated tokens are remembered per instance (the fast path of every request; about
    /// 1-2 KB each). A client holds one token an hour, so this is roughly the number of active clients.
    /// </summary>
    [Range(0, 1_000_000)]
    public int ValidatedTokenCacheSize { get; set; } = 10_000;
}
