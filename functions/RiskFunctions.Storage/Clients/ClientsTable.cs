using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Clients;

/// <summary>
/// The clients table: one partition per tenant, one row per client (PartitionKey the tenant id, RowKey the client
/// name, both key-encoded), typed as <see cref="ClientEntity"/>.
/// </summary>
internal static class ClientsTable
{
    public const string ClientsTableName = "clients";

    public static string PartitionKey(string tenantId) => TableKeyEncoder.Encode(tenantId);

    public static string RowKey(string clientName) => TableKeyEncoder.Encode(clientName);

    public static ClientEntity ToEntity(ClientRecord client) => new()
    {
        PartitionKey = PartitionKey(client.TenantId),
        RowKey = RowKey(client.ClientName),
        SecretHash = client.SecretHash,
        Scopes = string.Join(' ', client.Scopes),
        Disabled = client.Disabled,
        CreatedAt = client.CreatedAt,
    };

    /// <summary>Only the secret hash, so a merge update touches nothing else.</summary>
    public static ClientSecretEntity ToSecretEntity(string tenantId, string clientName, string secretHash) => new()
    {
        PartitionKey = PartitionKey(tenantId),
        RowKey = RowKey(clientName),
        SecretHash = secretHash,
    };

    public static ClientRecord FromEntity(ClientEntity entity) => new(
        TableKeyEncoder.Decode(entity.PartitionKey),
        TableKeyEncoder.Decode(entity.RowKey),
        entity.SecretHash,
        entity.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        entity.Disabled,
        entity.CreatedAt);
}
