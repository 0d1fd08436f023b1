using System.ComponentModel.DataAnnotations;

namespace RiskFunctions.Functions.Security.Clients;

/// <summary>How client secrets are hashed (section <c>Security:ClientSecrets</c>).</summary>
public sealed class ClientSecretOptions
{
    public const string SectionName = "Security:ClientSecrets";

    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations for new hashes: 600,000 is OWASP's 2023 recommendation. Each stored
    /// hash records its own count, so raising this later does not invalidate existing secrets.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int Iterations { get; set; } = 600_000;
}
