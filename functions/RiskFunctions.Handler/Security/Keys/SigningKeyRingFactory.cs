using RiskFunctions.Handler.Security.Tokens;

namespace RiskFunctions.Handler.Security.Keys;

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
            var current = SigningKey.FromPem(options.CurrentKey);
            var previous = string.IsNullOrWhiteSpace(options.PreviousKey) ? null : SigningKey.FromPem(options.PreviousKey);
            return new SigningKeyRing(current, previous);
        }

        if (!string.IsNullOrWhiteSpace(options.KeyDirectory))
        {
            return new LocalKeyStore(options.KeyDirectory).LoadOrCreate(options.Algorithm);
        }

        return SigningKeyRing.None;
    }
}
