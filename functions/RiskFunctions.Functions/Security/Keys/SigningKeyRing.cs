using Microsoft.IdentityModel.Tokens;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security.Keys;

/// <summary>
/// Our own signing keys: the current one signs new tokens; the previous one (kept through a rotation)
/// still verifies tokens it signed until they expire. Both are published in the JWKS document. A ring
/// without keys is a valid deployment (only external issuers' tokens are accepted, no token endpoint).
/// </summary>
public sealed class SigningKeyRing : IDisposable
{
    public SigningKeyRing(AsymmetricSecurityKey current, AsymmetricSecurityKey? previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!SigningKeys.HasPrivateKey(current))
        {
            throw new ArgumentException("The current signing key must include its private key.", nameof(current));
        }

        Current = current;
        Previous = previous is not null && !string.Equals(previous.KeyId, current.KeyId, StringComparison.Ordinal) ? previous : null;
        Credentials = new SigningCredentials(current, JwtAlgorithms.Of(current));
        KeySet = new TrustedKeySet(Previous is null ? [Current] : [Current, Previous]);
    }

    private SigningKeyRing()
    {
        KeySet = TrustedKeySet.Empty;
    }

    /// <summary>A ring with no keys: nothing is signed, no built-in token verifies.</summary>
    public static SigningKeyRing None => new();

    /// <summary>The key that signs new tokens; null when no signing key is configured.</summary>
    public AsymmetricSecurityKey? Current { get; }

    public AsymmetricSecurityKey? Previous { get; }

    /// <summary>The current key with its algorithm, for the token handler; null when no signing key is configured.</summary>
    public SigningCredentials? Credentials { get; }

    /// <summary>Every key that verifies our tokens.</summary>
    public TrustedKeySet KeySet { get; }

    /// <summary>The public halves of the current and previous keys, as published.</summary>
    public IEnumerable<AsymmetricSecurityKey> PublishedKeys => Previous is null ? Current is null ? [] : [Current] : [Current!, Previous];

    public void Dispose()
    {
        SigningKeys.Dispose(Current);
        SigningKeys.Dispose(Previous);
    }
}
