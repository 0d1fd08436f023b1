using RiskFunctions.Functions.Security.Clients;
using RiskFunctions.Storage.Clients;

namespace RiskFunctions.Functions.Security.TokenEndpoint;

/// <summary>The outcome of checking client credentials.</summary>
public enum ClientAuthenticationStatus
{
    Authenticated,
    Failed,
    Busy,
}

/// <summary>A checked client: the record on success, nothing else otherwise (the reason stays internal).</summary>
public sealed record ClientAuthentication(ClientAuthenticationStatus Status, ClientRecord? Client);

/// <summary>
/// Checks a client id and secret. Every failure path (malformed id, unknown client, disabled client,
/// wrong secret) runs exactly one full key derivation, so the answer takes as long whether or not the
/// client exists; the derivation runs under the endpoint's concurrency cap.
/// </summary>
public sealed class ClientAuthenticator(ClientRepository clients, ClientSecretHasher hasher, TokenEndpointLimiter limiter)
{
    public async Task<ClientAuthentication> AuthenticateAsync(string clientId, string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ClientRecord? client = null;
        if (ClientIdentifier.TryParse(clientId, out var identifier) && secret.Length <= ClientSecretHasher.MaxSecretLength)
        {
            client = await clients.GetAsync(identifier.TenantId, identifier.Name, cancellationToken);
        }

        using var slot = await limiter.AcquireDerivationAsync(cancellationToken);
        if (!slot.IsAcquired)
        {
            return new ClientAuthentication(ClientAuthenticationStatus.Busy, null);
        }

        var candidate = secret.Length <= ClientSecretHasher.MaxSecretLength ? secret : secret[..ClientSecretHasher.MaxSecretLength];
        var usable = client is { Disabled: false };
        var matches = hasher.Verify(candidate, usable ? client!.SecretHash : null);
        return matches && usable
            ? new ClientAuthentication(ClientAuthenticationStatus.Authenticated, client)
            : new ClientAuthentication(ClientAuthenticationStatus.Failed, null);
    }
}
