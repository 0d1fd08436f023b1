namespace RiskFunctions.Storage.Clients;

/// <summary>
/// A registered API client of a tenant. Only a slow, salted hash of its secret is ever stored.
/// </summary>
/// <param name="TenantId">The tenant the client acts for.</param>
/// <param name="ClientName">The client's name within the tenant (its public id is <c>tenant.name</c>).</param>
/// <param name="SecretHash">The secret's hash in the format the hasher writes (never the secret).</param>
/// <param name="Scopes">The scopes tokens of this client may carry.</param>
/// <param name="Disabled">A disabled client gets no tokens (tokens already issued live out their hour).</param>
/// <param name="CreatedAt">When the client was registered.</param>
public sealed record ClientRecord(
    string TenantId,
    string ClientName,
    string SecretHash,
    IReadOnlyList<string> Scopes,
    bool Disabled,
    DateTimeOffset CreatedAt);
