using System.Globalization;
using Azure;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// Reads the multipart reply of a transaction: one <c>HTTP/1.1</c> part per operation on success, or a single part
/// carrying the failing operation's status and <c>odata.error</c> (message <c>"&lt;index&gt;:&lt;text&gt;"</c>).
/// </summary>
internal static class TableTransactionResponseReader
{
    public static IReadOnlyList<Response> Read(Response response, IReadOnlyList<TableTransactionAction> actions)
    {
        var parts = ParseParts(response.Content.ToString());
        var failed = parts.FirstOrDefault(p => p.Status >= 400);
        if (failed is not null)
        {
            throw CreateFailure(failed, actions);
        }

        if (parts.Count != actions.Count)
        {
            throw new RequestFailedException(
                response.Status,
                string.Create(CultureInfo.InvariantCulture, $"The transaction reply has {parts.Count} parts for {actions.Count} actions."));
        }

        return [.. parts.Select(p => (Response)new TableTransactionItemResponse(p.Status, p.Reason, p.Headers, response.ClientRequestId))];
    }

    /// <summary>Finds each embedded status line and the headers and body after it, up to the next boundary line.</summary>
    internal static List<Part> ParseParts(string body)
    {
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var parts = new List<Part>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                continue;
            }

            var statusLine = lines[i].Split(' ', 3);
            var status = int.Parse(statusLine[1], NumberStyles.Integer, CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
                }
            }

            var content = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                content.Add(lines[i]);
            }

            i--;
            parts.Add(new Part(status, statusLine.Length > 2 ? statusLine[2] : string.Empty, headers, string.Join('\n', content).Trim()));
        }

        return parts;
    }

    private static TableTransactionFailedException CreateFailure(Part part, IReadOnlyList<TableTransactionAction> actions)
    {
        var error = TableRequestFailedDetailsParser.TryParseBody(BinaryData.FromString(part.Body.Length == 0 ? "{}" : part.Body));
        var text = error?.Message ?? part.Reason;
        int? index = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) &&
            parsed >= 0 && parsed < actions.Count)
        {
            index = parsed;
            text = text[(colon + 1)..];
        }

        var action = index is { } i ? actions[i] : null;
        var subject = action is null ? "An operation" : string.Create(CultureInfo.InvariantCulture, $"Operation {index} ({action.ActionType} {action.Entity.PartitionKey}/{action.Entity.RowKey})");
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"{subject} of the transaction failed with {part.Status} {error?.Code}: {text.Trim()} Nothing was applied.");
        return new TableTransactionFailedException(part.Status, message, error?.Code, index, action);
    }

    internal sealed record Part(int Status, string Reason, IReadOnlyDictionary<string, string> Headers, string Body);
}
