using Azure;
using Azure.Data.Tables;

namespace RiskFunctions.Storage.Clients;

/// <summary>The row of a client: PartitionKey = tenant, RowKey = client name (both key-encoded).</summary>
public sealed class ClientEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string SecretHash { get; set; } = "";

    /// <summary>Space-separated scopes.</summary>
    public string Scopes { get; set; } = "";

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
