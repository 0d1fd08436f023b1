using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;

namespace RiskFunctions.Functions.Tests.Features;

/// <summary>
/// What a storage request is, as the request-counting tests name it: method, table (without the test's prefix) and
/// kind, e.g. <c>GET actions point read</c>, <c>GET population query</c>, <c>PUT links upsert</c>, <c>PUT profiles
/// replace</c> (conditional), <c>POST actions insert</c>, <c>POST actionindex transaction</c> (an entity group
/// transaction, named by the table its first operation's URL names).
/// </summary>
internal static partial class StorageRequestName
{
    public static string Of(Request request, string tablePrefix)
    {
        var path = Uri.UnescapeDataString(request.Uri.Path);
        var segment = path[(path.LastIndexOf('/') + 1)..];
        if (segment == "$batch")
        {
            return $"POST {Unprefixed(TransactionTable(request), tablePrefix)} transaction";
        }

        var paren = segment.IndexOf('(', StringComparison.Ordinal);
        var table = Unprefixed(paren < 0 ? segment : segment[..paren], tablePrefix);
        var pointed = paren >= 0 && segment.Contains("PartitionKey=", StringComparison.Ordinal);
        var kind = request.Method.Method switch
        {
            "GET" => pointed ? "point read" : "query",
            "POST" => "insert",
            "PUT" => request.Headers.Contains("If-Match") ? "replace" : "upsert",
            "MERGE" or "PATCH" => "merge",
            "DELETE" => "delete",
            var other => other,
        };
        return $"{request.Method.Method} {table} {kind}";
    }

    /// <summary>The table of a request named by <see cref="Of"/>.</summary>
    public static string TableOf(string name) => name.Split(' ')[1];

    private static string Unprefixed(string table, string tablePrefix) =>
        table.StartsWith(tablePrefix, StringComparison.Ordinal) ? table[tablePrefix.Length..] : table;

    private static string TransactionTable(Request request)
    {
        // The SDK's multipart content is written again on a retry, so writing it once more here changes nothing.
        using var body = new MemoryStream();
        request.Content?.WriteTo(body, CancellationToken.None);
        var operation = FirstOperation().Match(Encoding.UTF8.GetString(body.ToArray()));
        return operation.Success ? operation.Groups["table"].Value : "?";
    }

    [GeneratedRegex(@"(?:POST|PUT|PATCH|MERGE|DELETE) \S+/(?<table>[A-Za-z0-9]+)[(\s?]")]
    private static partial Regex FirstOperation();
}
