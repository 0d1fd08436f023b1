using RiskFunctions.Handler.Security.Tokens;

namespace RiskFunctions.Handler.Security.Keys;

/// <summary>
/// Our own signing keys: the current one signs new tokens; the previous one (kept through a rotation)
/// still verifies tokens it signed until they expire. Both are published in the JWKS document. A ring
/// without keys is a valid deployment (only external issuers' tokens are accepted, no token endpoint).
/// </summary>
public sealed class SigningKeyRing : IDisposable
{
    public SigningKeyRing(SigningKey current, SigningKey? previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!current.HasPrivateKey)
        {
            throw new ArgumentException("The current signing key must include its private key.", nameof(current));
        }

        Current = current;
        Previous = previous is not null && !string.Equals(previous.KeyId, current.KeyId, StringComparison.Ordinal) ? previous : null;
        KeySet = new TrustedKeySet(Previous is null ? [Current] : [Current, Previous]);
    }

    private SigningKeyRing()
    {
        KeySet = TrustedKeySet.Empty;
    }

    /// <summary>A ring with no keys: nothing is signed, no built-in token verifies.</summary>
    public static SigningKeyRing None => new();

    /// <summary>The key that signs new tokens; null when no signing key is configured.</summary>
    public SigningKey? Current { get; }

    public SigningKey? Previous { get; }

    /// <summary>Every key that verifies our tokens.</summary>
    public TrustedKeySet KeySet { get; }

    public void Dispose()
    {
        Current?.Dispose();
        Previous?.Dispose();
    }
}
