using Azure.Core;

namespace RiskFunctions.Storage.Tables;

internal static class TableMethods
{
    /// <summary>The OData MERGE verb the Table service uses for partial updates.</summary>
    public static readonly RequestMethod Merge = new("MERGE");
}
