using Azure;
using Azure.Data.Tables;

namespace RiskFunctions.Storage.Clients;

/// <summary>Only the secret hash of a client row, so a merge update touches nothing else.</summary>
public sealed class ClientSecretEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string SecretHash { get; set; } = "";
}
