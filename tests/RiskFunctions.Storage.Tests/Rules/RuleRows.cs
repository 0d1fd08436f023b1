using Azure.Data.Tables;
using RiskFunctions.Storage.Rules;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Tests.Rules;

/// <summary>The raw rows of a tenant's rules partition, to check what a change left behind.</summary>
internal static class RuleRows
{
    public static async Task<List<TableEntity>> ReadAsync(RiskTables tables, string tenant)
    {
        var rows = new List<TableEntity>();
        var filter = TableFilter.Create($"PartitionKey eq {TableKeyEncoder.Encode(tenant)}");
        await foreach (var entity in tables.GetTable(RuleRepository.TableName).QueryAsync<TableEntity>(filter))
        {
            rows.Add(entity);
        }

        return rows;
    }

    public static async Task<List<string>> RowKeysAsync(RiskTables tables, string tenant) =>
        [.. (await ReadAsync(tables, tenant)).Select(row => row.RowKey)];
}
