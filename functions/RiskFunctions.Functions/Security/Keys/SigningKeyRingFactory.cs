using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security.Keys;

/// <summary>
/// Builds the key ring at start-up from configuration (Key Vault in Azure) or the local key store; with
/// neither configured the built-in issuer is off (a key that cannot be read still fails start-up).
/// </summary>
public static class SigningKeyRingFactory
{
    public static SigningKeyRing Create(SigningKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.CurrentKey))
        {
            if (IsUnresolvedKeyVaultReference(options.CurrentKey))
            {
                throw new InvalidOperationException(
                    $"{SigningKeyOptions.SectionName}:CurrentKey is a Key Vault reference the platform could not resolve (missing secret or access).");
            }

            var current = SigningKeys.FromPem(options.CurrentKey);

            // Before the first rotation the previous-key secret may not exist yet; the platform then leaves the
            // reference text in place, which simply means "no previous key".
            var previous = string.IsNullOrWhiteSpace(options.PreviousKey) || IsUnresolvedKeyVaultReference(options.PreviousKey)
                ? null
                : SigningKeys.FromPem(options.PreviousKey);
            return new SigningKeyRing(current, previous);
        }

        if (!string.IsNullOrWhiteSpace(options.KeyDirectory))
        {
            return new LocalKeyStore(options.KeyDirectory).LoadOrCreate(options.Algorithm);
        }

        return SigningKeyRing.None;
    }

    /// <summary>App Service leaves <c>@Microsoft.KeyVault(...)</c> as the value when it cannot resolve the reference.</summary>
    private static bool IsUnresolvedKeyVaultReference(string value) =>
        value.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);
}
