using System.Collections.Concurrent;
using Azure.Data.Tables;
using RiskFunctions.Storage;
using RiskFunctions.Storage.TableSupport;
using Xunit;

namespace RiskFunctions.Testing.Azurite;

/// <summary>
/// xunit fixture over the test process's shared <see cref="AzuriteServer"/>. Use it as
/// <c>IClassFixture&lt;AzuriteFixture&gt;</c>: each test class gets its own <see cref="TablePrefix"/>, so classes run in
/// parallel against one Azurite without seeing each other's data, and the tables it created are deleted afterwards.
/// A test that stops, freezes or restarts storage uses an Azurite of its own instead (<see cref="Dedicated"/>).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly ConcurrentBag<string> _prefixes = [];
    private readonly AzuriteServerOptions? _dedicated;
    private AzuriteServer? _server;

    /// <summary>Creates the fixture on the shared server, attached in <see cref="InitializeAsync"/>.</summary>
    public AzuriteFixture()
    {
        TablePrefix = NewTablePrefix();
    }

    // xunit requires a fixture class to have a single public constructor; the dedicated kind is made by Dedicated.
    private AzuriteFixture(AzuriteServerOptions dedicated)
        : this()
    {
        _dedicated = dedicated;
    }

    /// <summary>A fixture on an Azurite of its own, started in <see cref="InitializeAsync"/> and killed on dispose.</summary>
    public static AzuriteFixture Dedicated(AzuriteServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AzuriteFixture(options);
    }

    /// <summary>The running Azurite.</summary>
    public AzuriteServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>A connection string for the running Azurite.</summary>
    public string ConnectionString => Server.ConnectionString;

    /// <summary>
    /// A connection string naming the running Azurite's tables and the shared <see cref="AzuriteBlobServer"/>'s blobs
    /// (same account and key), as the app needs for its tables and its models; starts the blob server on first use.
    /// </summary>
    public async Task<string> ConnectionStringWithBlobsAsync()
    {
        var blobs = await AzuriteBlobServer.GetSharedAsync();
        return ConnectionString.TrimEnd(';') + string.Create(
            System.Globalization.CultureInfo.InvariantCulture, $";BlobEndpoint=http://127.0.0.1:{blobs.Port}/{AzuriteServer.AccountName};");
    }

    /// <summary>A blob container name of this fixture's own for the app's models (the shared blob server outlives it).</summary>
    public string ModelContainer => "models-" + TablePrefix.ToLowerInvariant();

    /// <summary>The table endpoint of the running Azurite.</summary>
    public Uri TableEndpoint => Server.TableEndpoint;

    /// <summary>A table-name prefix unique to this fixture instance (letters and digits, starts with a letter).</summary>
    public string TablePrefix { get; }

    /// <summary>A fresh unique prefix, for a test that needs its own table set; cleaned up with the fixture.</summary>
    public string NewTablePrefix()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        _prefixes.Add(prefix);
        return prefix;
    }

    /// <summary><see cref="TablePrefix"/> + <paramref name="name"/>.</summary>
    public string TableName(string name) => TablePrefix + name;

    /// <summary>A service client for the running Azurite, configured as the service configures its own.</summary>
    public TableServiceClient CreateServiceClient(TableClientOptions? options = null) =>
        TableClientDefaults.CreateServiceClient(new StorageOptions { ConnectionString = ConnectionString, CallTimeout = TestCallTimeout }, options);

    /// <summary>
    /// The storage call budget of test clients and test apps: generous, because a loaded two-core test machine can
    /// take seconds to answer a burst of concurrent calls. The production budget is tested where it matters, by the
    /// outage tests, which set their own.
    /// </summary>
    public static TimeSpan TestCallTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Creates the table <see cref="TablePrefix"/> + <paramref name="name"/> and returns its client.</summary>
    public async Task<TableClient> CreateTableAsync(string name, TableClientOptions? options = null)
    {
        var table = CreateServiceClient(options).GetTableClient(TableName(name));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    /// <inheritdoc/>
    public async Task InitializeAsync() =>
        _server = _dedicated is null ? await AzuriteServer.GetSharedAsync() : await AzuriteServer.StartAsync(_dedicated);

    /// <summary>Deletes every table whose name starts with one of this fixture's prefixes; kills a dedicated server.</summary>
    public async Task DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        if (_dedicated is not null)
        {
            _server.Dispose();
            return;
        }

        var service = CreateServiceClient();
        foreach (var prefix in _prefixes)
        {
            await foreach (var table in service.QueryAsync(TableFilter.PrefixRange("TableName", prefix)))
            {
                await service.DeleteTableAsync(table.Name);
            }
        }
    }
}
