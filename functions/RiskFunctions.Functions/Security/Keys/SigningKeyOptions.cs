using System.ComponentModel.DataAnnotations;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security.Keys;

/// <summary>
/// Where the token-signing keys come from (section <c>Security:Signing</c>). In Azure both PEM settings
/// are Key Vault references (<c>@Microsoft.KeyVault(SecretUri=...)</c>) resolved by the platform into the
/// app setting's value; locally a key is generated once and kept in <see cref="KeyDirectory"/>.
/// </summary>
public sealed class SigningKeyOptions
{
    public const string SectionName = "Security:Signing";

    /// <summary>PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC) that signs new tokens. Takes precedence over <see cref="KeyDirectory"/>.</summary>
    public string? CurrentKey { get; set; }

    /// <summary>PEM key (private or public) of the key that was current before the last rotation; it only verifies.</summary>
    public string? PreviousKey { get; set; }

    /// <summary>Directory for generated local keys (quick start and development). Ignored when <see cref="CurrentKey"/> is set.</summary>
    public string? KeyDirectory { get; set; }

    /// <summary>Algorithm of generated local keys.</summary>
    [AllowedValues(JwtAlgorithms.RS256, JwtAlgorithms.ES256)]
    public string Algorithm { get; set; } = JwtAlgorithms.RS256;
}
