using Azure;
using Azure.Core;
using Azure.Data.Tables;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests;

/// <summary>
/// Tables on the shared Azurite through a client where, before every request that matches, another writer changes one
/// row: each conditional write of that row loses its race, so a repository's retry loop reaches its last attempt every
/// time, not by chance.
/// </summary>
internal sealed class ContendedRow
{
    private int _races;

    private ContendedRow(AzuriteFixture azurite, RiskTables tables, string tableName, string partitionKey, string rowKey, Func<Request, bool> matches)
    {
        var otherWriter = tables.GetTable(tableName);
        var options = new TableClientOptions();
        options.AddPolicy(
            new RaceBeforeRequest(
                matches,
                async () => await otherWriter.UpdateEntityAsync(
                    new TableEntity(partitionKey, rowKey) { ["Touched"] = Interlocked.Increment(ref _races) }, ETag.All),
                everyTime: true),
            HttpPipelinePosition.PerRetry);
        Tables = new RiskTables(azurite.CreateServiceClient(options), azurite.TablePrefix);
    }

    /// <summary>The tables whose matching requests race.</summary>
    public RiskTables Tables { get; }

    /// <summary>How many times the other writer changed the row.</summary>
    public int Races => Volatile.Read(ref _races);

    /// <summary>The row (which must exist) is changed through <paramref name="tables"/> before every request that <paramref name="matches"/>.</summary>
    public static ContendedRow Create(
        AzuriteFixture azurite, RiskTables tables, string tableName, string partitionKey, string rowKey, Func<Request, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        ArgumentNullException.ThrowIfNull(tables);
        return new ContendedRow(azurite, tables, tableName, partitionKey, rowKey, matches);
    }
}
