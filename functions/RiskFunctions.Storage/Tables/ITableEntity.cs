using Azure;

namespace RiskFunctions.Storage.Tables;

/// <summary>The system properties every table entity has.</summary>
public interface ITableEntity
{
    /// <summary>The partition key. At most 512 UTF-16 characters, none of <c>/ \ # ?</c> or control characters.</summary>
    string PartitionKey { get; set; }

    /// <summary>The row key, unique within the partition. Same rules as <see cref="PartitionKey"/>.</summary>
    string RowKey { get; set; }

    /// <summary>The server's last-modified time; ignored on writes.</summary>
    DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity version returned by the service, for optimistic concurrency.</summary>
    ETag ETag { get; set; }
}
