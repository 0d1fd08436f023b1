namespace RiskFunctions.Storage.Tables;

/// <summary>Resource paths of the Table REST API, with keys quoted and escaped as the protocol requires.</summary>
internal static class TablePaths
{
    public const string Tables = "/Tables";
    public const string Batch = "/$batch";

    public static string Table(string tableName) => "/" + tableName;

    public static string Query(string tableName) => "/" + tableName + "()";

    public static string TableResource(string tableName) => $"/Tables('{tableName}')";

    /// <summary><c>/{table}(PartitionKey='p',RowKey='r')</c>: quotes doubled first, then percent-encoded.</summary>
    public static string Entity(string tableName, string partitionKey, string rowKey) =>
        $"/{tableName}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
