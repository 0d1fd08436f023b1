using Azure;
using Azure.Core;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// Continuation tokens: the service returns <c>x-ms-continuation-Next*</c> headers and expects them back as query
/// parameters; the public token is the partition and row key joined by a space (as Azure.Data.Tables does).
/// </summary>
internal static class TableContinuation
{
    public static string? ReadEntityToken(Response response)
    {
        if (!response.Headers.TryGetValue(TableHeaders.NextPartitionKey, out var partition) || string.IsNullOrEmpty(partition))
        {
            return null;
        }

        return response.Headers.TryGetValue(TableHeaders.NextRowKey, out var row) && !string.IsNullOrEmpty(row)
            ? partition + " " + row
            : partition;
    }

    public static void AppendEntityToken(RequestUriBuilder uri, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return;
        }

        var space = token.IndexOf(' ', StringComparison.Ordinal);
        uri.AppendQuery("NextPartitionKey", space < 0 ? token : token[..space]);
        if (space >= 0)
        {
            uri.AppendQuery("NextRowKey", token[(space + 1)..]);
        }
    }

    public static string? ReadTableToken(Response response) =>
        response.Headers.TryGetValue(TableHeaders.NextTableName, out var name) && !string.IsNullOrEmpty(name) ? name : null;
}
