using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace RiskFunctions.Benchmarks.Storage;

/// <summary>
/// The baseline: Table requests built and SharedKeyLite-signed by hand on a bare <see cref="HttpClient"/>, with no
/// pipeline, retries, validation or entity mapping; read responses are taken as bytes, not parsed.
/// </summary>
internal sealed class RawTableHttp(HttpClient http, Uri endpoint, string account, string key)
{
    private readonly byte[] _key = Convert.FromBase64String(key);
    private readonly string _base = endpoint.AbsoluteUri.TrimEnd('/');

    public Task InsertAsync(string table, string json) =>
        SendAsync(HttpMethod.Post, "/" + table, new StringContent(json, Encoding.UTF8, "application/json"), preferNoContent: true);

    /// <summary>A point read; <paramref name="select"/> (comma-separated property names) limits the properties returned.</summary>
    public Task GetAsync(string table, string partitionKey, string rowKey, string? select = null) =>
        SendAsync(HttpMethod.Get, $"/{table}(PartitionKey='{partitionKey}',RowKey='{rowKey}')" + (select is null ? string.Empty : "?$select=" + select), null, preferNoContent: false);

    public Task BatchAsync(string table, IReadOnlyList<string> rowJson)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var body = new StringBuilder()
            .Append("--").Append(batch).Append("\r\nContent-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");
        foreach (var json in rowJson)
        {
            body.Append("--").Append(changeset).Append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .Append("POST ").Append(_base).Append('/').Append(table).Append(" HTTP/1.1\r\n")
                .Append("Accept: application/json;odata=minimalmetadata\r\nContent-Type: application/json\r\nPrefer: return-no-content\r\nDataServiceVersion: 3.0\r\n\r\n")
                .Append(json).Append("\r\n");
        }

        body.Append("--").Append(changeset).Append("--\r\n\r\n--").Append(batch).Append("--\r\n");
        var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={batch}");
        return SendAsync(HttpMethod.Post, "/$batch", content, preferNoContent: false);
    }

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content, bool preferNoContent)
    {
        using var request = new HttpRequestMessage(method, _base + path) { Content = content };
        var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        var resource = "/" + account + request.RequestUri!.AbsolutePath;
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(date + "\n" + resource)));
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2019-02-02");
        request.Headers.TryAddWithoutValidation("DataServiceVersion", "3.0");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;odata=minimalmetadata");
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKeyLite {account}:{signature}");
        if (preferNoContent)
        {
            request.Headers.TryAddWithoutValidation("Prefer", "return-no-content");
        }

        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode || (method == HttpMethod.Post && path == "/$batch" && Encoding.UTF8.GetString(bytes).Contains("odata.error", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"Raw {method} {path} failed: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
        }
    }
}
