using Azure.Core;
using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage;

/// <summary>
/// The service's tables: one <see cref="TableServiceClient"/> (one pipeline, one connection pool) and the configured
/// name prefix. Register one instance per process; features ask it for their tables by logical name.
/// </summary>
public class RiskTables
{
    /// <summary>Wraps an existing service client.</summary>
    public RiskTables(TableServiceClient service, string tablePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tablePrefix);
        Service = service;
        Prefix = tablePrefix;
    }

    /// <summary>For mocking.</summary>
    protected RiskTables()
    {
        Service = null!;
        Prefix = string.Empty;
    }

    /// <summary>The account-level client.</summary>
    public virtual TableServiceClient Service { get; }

    /// <summary>The prefix of every table name.</summary>
    public virtual string Prefix { get; }

    /// <summary>
    /// Builds the client from options as <see cref="TableClientDefaults"/> does: a connection string, otherwise the
    /// table endpoint with the (user-assigned, if a client id is given) managed identity. For tools and tests; the
    /// service registers its client with <c>AddAzureClients</c>.
    /// </summary>
    public static RiskTables Create(StorageOptions options, TableClientOptions? clientOptions = null, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RiskTables(TableClientDefaults.CreateServiceClient(options, clientOptions, credential), options.TablePrefix);
    }

    /// <summary>The client of <see cref="Prefix"/> + <paramref name="name"/>.</summary>
    public virtual TableClient GetTable(string name) => Service.GetTableClient(Prefix + name);

    /// <summary>Creates the named tables unless they exist (call at start-up).</summary>
    public virtual async Task EnsureCreatedAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            await Service.CreateTableIfNotExistsAsync(Prefix + name, cancellationToken).ConfigureAwait(false);
        }
    }
}
