namespace RiskFunctions.Storage.Tables;

/// <summary>Header names and values of the Table REST protocol.</summary>
internal static class TableHeaders
{
    public const string Date = "x-ms-date";
    public const string Version = "x-ms-version";
    public const string DataServiceVersion = "DataServiceVersion";
    public const string DataServiceVersion3 = "3.0";
    public const string Prefer = "Prefer";
    public const string ReturnNoContent = "return-no-content";
    public const string IfMatch = "If-Match";
    public const string ErrorCode = "x-ms-error-code";
    public const string NextPartitionKey = "x-ms-continuation-NextPartitionKey";
    public const string NextRowKey = "x-ms-continuation-NextRowKey";
    public const string NextTableName = "x-ms-continuation-NextTableName";

    /// <summary>Minimal metadata: the body carries <c>odata.etag</c> and the type annotations JSON needs.</summary>
    public const string AcceptJson = "application/json;odata=minimalmetadata";
    public const string ContentTypeJson = "application/json";
}
