using Azure.Data.Tables;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Idempotency;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// The worker's own tables, read directly (the fixture's Azurite under the app's table prefix), for asserting what a
/// request stored or left alone.
/// </summary>
internal sealed class AppTables(FunctionAppFixture app)
{
    /// <summary>Every table the action endpoints write to.</summary>
    public static IReadOnlyList<string> ActionStateTables { get; } =
    [
        ActionTables.ActionsTableName,
        ActionTables.ActionIndexTableName,
        ActionTables.LinksTableName,
        ProfileTables.ProfilesTableName,
        ProfileTables.PopulationTableName,
        IdempotencyTables.IdempotencyTableName,
    ];

    public RiskTables Tables { get; } = new(app.Storage.CreateServiceClient(), app.Storage.TablePrefix);

    public ActionRepository Actions => new(Tables);

    public ActionIndexRepository Index => new(Tables);

    public ProfileRepository Profiles => new(Tables);

    /// <summary>Every row of <paramref name="table"/> whose partition belongs to <paramref name="tenant"/>.</summary>
    public Task<int> CountRowsAsync(string table, TestTenant tenant) => CountRowsAsync(Tables, table, tenant);

    /// <summary>Every row of <paramref name="table"/> in <paramref name="tables"/> whose partition belongs to <paramref name="tenant"/>.</summary>
    public static async Task<int> CountRowsAsync(RiskTables tables, string table, TestTenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var rows = 0;
        await foreach (var _ in tables.GetTable(table).QueryAsync<TableEntity>(TenantRows(tenant), select: ["RowKey"]))
        {
            rows++;
        }

        return rows;
    }

    /// <summary>
    /// Table, keys and ETag of every row of <paramref name="tenant"/> in <see cref="ActionStateTables"/>, in order:
    /// two equal snapshots mean nothing was added, changed or removed in between.
    /// </summary>
    public async Task<IReadOnlyList<string>> SnapshotAsync(TestTenant tenant)
    {
        var rows = new List<string>();
        foreach (var table in ActionStateTables)
        {
            await foreach (var row in Tables.GetTable(table).QueryAsync<TableEntity>(TenantRows(tenant), select: ["RowKey"]))
            {
                rows.Add(string.Join(' ', table, row.PartitionKey, row.RowKey, row.ETag));
            }
        }

        return rows;
    }

    private static string TenantRows(TestTenant tenant) => TableFilter.PrefixRange("PartitionKey", TableKeyEncoder.Encode(tenant.Id) + "|");
}
