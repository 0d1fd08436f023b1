using Azure.Core;
using Azure.Core.Pipeline;

namespace RiskFunctions.Storage.Tables;

/// <summary>
/// Signs each attempt with SharedKeyLite: <c>StringToSign = x-ms-date + "\n" + "/" + account + encoded path</c>
/// (+ <c>?comp=…</c>), the scheme Azure.Data.Tables uses for the Table service.
/// </summary>
internal sealed class TableSharedKeyLitePolicy(TableSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        if (!request.Headers.TryGetValue(TableHeaders.Date, out var date))
        {
            throw new InvalidOperationException($"{TableHeaders.Date} must be set before the request is signed.");
        }

        var signature = credential.ComputeSignature(BuildStringToSign(date, credential.AccountName, request.Uri.ToUri()));
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKeyLite {credential.AccountName}:{signature}");
    }

    internal static string BuildStringToSign(string date, string accountName, Uri uri)
    {
        var resource = "/" + accountName + uri.AbsolutePath;
        var comp = FindComp(uri.Query);
        return comp is null ? $"{date}\n{resource}" : $"{date}\n{resource}?comp={comp}";
    }

    private static string? FindComp(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(pair[5..]);
            }
        }

        return null;
    }
}
