using Azure;
using Azure.Core;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// The account-level client: creates and deletes tables and hands out <see cref="TableClient"/>s that share its
/// pipeline (one connection pool, one retry policy, one credential). Create it once per process.
/// </summary>
public class TableServiceClient
{
    private readonly TablePipeline _pipeline = null!;

    /// <summary>Creates a client from a connection string (<c>UseDevelopmentStorage=true</c> or account name and key).</summary>
    public TableServiceClient(string connectionString, TableClientOptions? options = null)
        : this(TablePipeline.FromConnectionString(connectionString, options))
    {
    }

    /// <summary>
    /// Creates a client that authenticates with Entra ID, e.g. <c>new ManagedIdentityCredential(clientId)</c>
    /// (needs the Storage Table Data Contributor role).
    /// </summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null)
        : this(TablePipeline.FromTokenCredential(endpoint, credential, options))
    {
    }

    /// <summary>Creates a client that signs requests with the account key.</summary>
    public TableServiceClient(Uri endpoint, TableSharedKeyCredential credential, TableClientOptions? options = null)
        : this(TablePipeline.FromSharedKey(endpoint, credential, options))
    {
    }

    /// <summary>For mocking.</summary>
    protected TableServiceClient()
    {
    }

    private TableServiceClient(TablePipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>The account's table endpoint.</summary>
    public virtual Uri Endpoint => _pipeline.Endpoint;

    /// <summary>A client for one table, sharing this client's pipeline. The table is not created.</summary>
    public virtual TableClient GetTableClient(string tableName) => new(_pipeline, tableName);

    /// <summary>Creates the table unless it exists (409 <c>TableAlreadyExists</c> is success).</summary>
    public virtual Task<Response> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        TableOperations.CreateTableIfNotExistsAsync(_pipeline, tableName, cancellationToken);

    /// <summary>Deletes the table; a missing table is success.</summary>
    public virtual Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        TableOperations.DeleteTableAsync(_pipeline, tableName, cancellationToken);

    /// <summary>Lists tables, optionally filtered (e.g. <c>TableFilter.PrefixRange("TableName", prefix)</c>).</summary>
    public virtual AsyncPageable<TableItem> QueryTablesAsync(string? filter = null, int? maxPerPage = null, CancellationToken cancellationToken = default) =>
        TableOperations.QueryTables(_pipeline, filter, maxPerPage, cancellationToken);
}
