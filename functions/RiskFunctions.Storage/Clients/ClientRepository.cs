using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Clients;

/// <summary>
/// The registry of API clients: one partition per tenant, one row per client. The token endpoint reads
/// a client with one point read; registration never overwrites an existing client.
/// </summary>
public class ClientRepository
{
    /// <summary>Logical name of the clients table (<see cref="ClientsTable"/> owns it).</summary>
    public const string TableName = ClientsTable.ClientsTableName;

    private readonly TableClient _table;

    public ClientRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(ClientsTable.ClientsTableName);
    }

    /// <summary>For mocking.</summary>
    protected ClientRepository() => _table = null!;

    /// <summary>Registers a client; false when the tenant already has a client of that name (nothing is changed).</summary>
    public virtual async Task<bool> CreateAsync(ClientRecord client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await _table.AddCheckedAsync(ClientsTable.ToEntity(client), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The client, or null when the tenant has no client of that name.</summary>
    public virtual async Task<ClientRecord?> GetAsync(string tenantId, string clientName, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<ClientEntity>(
            ClientsTable.PartitionKey(tenantId), ClientsTable.RowKey(clientName), cancellationToken: cancellationToken);
        return response.HasValue ? ClientsTable.FromEntity(response.Value!) : null;
    }

    /// <summary>Every client of a tenant.</summary>
    public virtual async IAsyncEnumerable<ClientRecord> ListAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.Create($"PartitionKey eq {ClientsTable.PartitionKey(tenantId)}");
        await foreach (var entity in _table.QueryAsync<ClientEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return ClientsTable.FromEntity(entity);
        }
    }

    /// <summary>Replaces a client's secret hash (secret rotation); false when there is no such client.</summary>
    public virtual async Task<bool> ReplaceSecretAsync(string tenantId, string clientName, string secretHash, CancellationToken cancellationToken = default)
    {
        var entity = ClientsTable.ToSecretEntity(tenantId, clientName, secretHash);
        try
        {
            // Merge with If-Match * updates only an existing row and leaves its other properties alone.
            await _table.UpdateCheckedAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }
}
